import type { AggregateRow } from '../aggregate/aggregate-row.ts';
import type { GateCell, GateCheck, GateDiff, GateVerdict } from '../aggregate/summary-types.ts';
import { cellKeyOf, groupByCell, type CellKey } from './cell-key.ts';
import { listGateReasons } from './describe-gate.ts';
import { pairCells, summarizeSide, type PairedCell } from './pair-cells.ts';

/**
 * `--baseline` without `--max-drop` (or `thresholds.maxDrop`): any significant drop fails. A gate
 * that needs both a measurable drop and evidence for it stays quiet on noise either way.
 */
export const DEFAULT_MAX_DROP = 0;

export interface BaselineRun {
  /** The folder as the user gave it, for messages. */
  label: string;
  runId: string;
  rows: readonly AggregateRow[];
  order?: readonly CellKey[];
}

export interface GateOptions {
  failUnder?: number | undefined;
  maxDrop?: number | undefined;
  baseline?: BaselineRun | undefined;
}

/** Means and differences within this of a threshold are on it: `0.7` summed over cases may come out as 0.69999…. */
const ON_THRESHOLD = 1e-9;

/** A gate acts once there is something to hold the run to: a floor, or a baseline. */
export function isGateInEffect(options: GateOptions): boolean {
  return options.failUnder !== undefined || options.baseline !== undefined;
}

/**
 * The quality gate over this run's calls. Each cell of `cells` (then any other cell the rows hold)
 * is checked:
 * - `no-score`: it made calls but none was scored (every one a provider error): nothing to pass on;
 * - `fail-under`: its mean score is below `failUnder`;
 * - `max-drop`: against the baseline's same cell, paired by case over the cases both scored, the
 *   score fell by more than `maxDrop` and the fall is significant (its 95% CI excludes 0 and the
 *   p-value, Holm-adjusted over the cells tested, is under 0.05). A cell new in this run, or with
 *   under 2 cases in common, cannot fall: it is reported, not failed.
 * The run passes when no cell failed a check.
 */
export function evaluateGate(rows: readonly AggregateRow[], cells: readonly CellKey[], options: GateOptions): GateVerdict {
  const groups = groupByCell(rows);
  const baseline = options.baseline;
  const maxDrop = baseline === undefined ? undefined : (options.maxDrop ?? DEFAULT_MAX_DROP);
  const pairing = baseline === undefined ? undefined : pairCells({ rows: baseline.rows, order: baseline.order ?? [] }, { rows, order: cells });
  const paired = new Map((pairing?.cells ?? []).map((c) => [cellKeyOf(c), c]));

  const listed = new Map<string, CellKey>();
  for (const cell of [...cells, ...[...groups.values()].map((g) => g.cell)]) if (!listed.has(cellKeyOf(cell))) listed.set(cellKeyOf(cell), cell);

  const gateCells = [...listed.values()].map((cell): GateCell => {
    const key = cellKeyOf(cell);
    const side = summarizeSide(groups.get(key)?.rows ?? []);
    const pair = paired.get(key);
    const failed: GateCheck[] = [];
    if (side.calls > 0 && side.meanScore === null) failed.push('no-score');
    if (options.failUnder !== undefined && side.meanScore !== null && side.meanScore < options.failUnder - ON_THRESHOLD) failed.push('fail-under');
    if (maxDrop !== undefined && pair?.diff && fellTooFar(pair.diff, maxDrop)) failed.push('max-drop');
    return { variant: cell.variant, target: cell.target, meanScore: side.meanScore, n: side.n, ...baselineOf(pair), failed };
  });

  const verdict: GateVerdict = {
    passed: gateCells.every((c) => c.failed.length === 0),
    ...(baseline === undefined ? {} : { baseline: baseline.label, baselineRunId: baseline.runId }),
    ...(options.failUnder === undefined ? {} : { failUnder: options.failUnder }),
    ...(maxDrop === undefined ? {} : { maxDrop }),
    reasons: [],
    cells: gateCells,
    baselineOnly: (pairing?.onlyA ?? []).filter((cell) => !listed.has(cellKeyOf(cell))),
  };
  verdict.reasons = listGateReasons(verdict);
  return verdict;
}

function fellTooFar(diff: GateDiff, maxDrop: number): boolean {
  return diff.significant && diff.meanDiff < 0 && -diff.meanDiff > maxDrop + ON_THRESHOLD;
}

function baselineOf(pair: PairedCell | undefined): Pick<GateCell, 'baseline'> {
  if (pair === undefined) return {};
  return { baseline: { meanScore: pair.a.meanScore, n: pair.a.n, diff: pair.diff } };
}
