import type { AggregateRow } from './aggregate-row.ts';
import { buildCell } from './build-cell.ts';
import { buildComparisons } from './build-comparisons.ts';
import { buildJudgeStats } from './judge-stats.ts';
import type { JudgeInfo, Summary } from './summary-types.ts';

export interface SummaryMeta {
  runId: string;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  passThreshold: number;
  variantOrder: string[];
  targetOrder: string[];
  /** `--min-effect`: kept in the summary so every report of the run reads differences the same way. */
  minEffect?: number | undefined;
  /** The run's judge, when it had one: its cells then carry judge statistics. */
  judge?: JudgeInfo | undefined;
}

/**
 * The run's summary.json from its calls. Cells come variant by variant, each over targets, in the
 * given orders; every listed pair gets a cell even with no calls yet (an interrupted run shows
 * what is missing). Variants or targets found in rows but not listed are appended in order of
 * first appearance, so no call is silently dropped.
 */
export function buildSummary(results: readonly AggregateRow[], meta: SummaryMeta): Summary {
  const variants = appendUnlisted(meta.variantOrder, results.map((r) => r.variant));
  const targets = appendUnlisted(meta.targetOrder, results.map((r) => r.target));

  const byCell = new Map<string, AggregateRow[]>();
  for (const row of results) {
    const key = cellKey(row.variant, row.target);
    const list = byCell.get(key);
    if (list === undefined) byCell.set(key, [row]);
    else list.push(row);
  }
  const rowsOf = (variant: string, target: string) => byCell.get(cellKey(variant, target)) ?? [];

  const cells = variants.flatMap((variant) => targets.map((target) => buildCell(variant, target, rowsOf(variant, target))));
  const { judge } = meta;
  if (judge) for (const cell of cells) cell.judge = buildJudgeStats(rowsOf(cell.variant, cell.target));
  const judged = judge ? cells.map((c) => c.judge!) : [];
  const total = (key: 'asked' | 'graded' | 'errors') => judged.reduce((n, j) => n + j[key], 0);
  return {
    runId: meta.runId,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    complete: meta.complete,
    // A made-up judge makes every judged score made up too.
    simulated: cells.some((c) => c.simulated) || judge?.simulated === true,
    passThreshold: meta.passThreshold,
    ...(meta.minEffect === undefined ? {} : { minEffect: meta.minEffect }),
    cells,
    comparisons: buildComparisons(variants, targets, rowsOf),
    ...(judge ? { judge: { ...judge, asked: total('asked'), graded: total('graded'), errors: total('errors') } } : {}),
  };
}

function appendUnlisted(order: readonly string[], seen: readonly string[]): string[] {
  const all = [...new Set(order)];
  const known = new Set(all);
  for (const name of seen) {
    if (known.has(name)) continue;
    known.add(name);
    all.push(name);
  }
  return all;
}

/** A separator no id contains (ids are filenames or provider:model strings). */
function cellKey(variant: string, target: string): string {
  return `${variant}\u0000${target}`;
}
