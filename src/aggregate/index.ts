// What the CLI uses to turn results.jsonl into summary.json. The statistics live in their own
// files (descriptive, confidence, paired-t-test, student-t); import those directly.
export { buildSummary } from './build-summary.ts';
export type { SummaryMeta } from './build-summary.ts';
export { toAggregateRow } from './aggregate-row.ts';
export type { AggregateRow } from './aggregate-row.ts';
export type * from './summary-types.ts';
