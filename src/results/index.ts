export type { CallError, TrialResult, Usage } from './trial-result.ts';
export { parseResultLine, ResultLineSchema, RESULT_BOUNDS, type ParsedLine } from './result-line-schema.ts';
export { readResults, type ReadTally, type RunScope } from './read-results.ts';
export { openResultsWriter, toResultLine, type ResultsWriter } from './results-writer.ts';
export { cutTornTail } from './cut-torn-tail.ts';
export { LOCK_FILE, lockRunFolder, type RunLock } from './run-lock.ts';
