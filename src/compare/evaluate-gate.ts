import type { AggregateRow } from '../aggregate/aggregate-row.ts';
import { holmAdjust } from '../aggregate/holm.ts';
import { marginPower } from '../aggregate/margin-power.ts';
import type { PairedEvidence } from '../aggregate/paired-evidence.ts';
import type { GateCell, GateCheck, GateMarginTest, GateMetric, GateMode, GateVerdict } from '../aggregate/summary-types.ts';
import { cellKeyOf, groupByCell, type CellKey } from './cell-key.ts';
import { pairCells, summarizeSide, type PairedCell } from './pair-cells.ts';

/**
 * `--baseline` without `--max-drop` (or `thresholds.maxDrop`): fail on evidence of any drop.
 * Non-inferiority needs a margin above 0 (see prepareGate in the CLI).
 */
export const DEFAULT_MAX_DROP = 0;
export const DEFAULT_GATE_MODE: GateMode = 'max-drop';
export const GATE_ALPHA = 0.05;

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
  mode?: GateMode | undefined;
  metric?: GateMetric | undefined;
}

/** Means and bounds within this of a threshold are on it: `0.7` summed over cases may come out as 0.69999…. */
const ON_THRESHOLD = 1e-9;

/** A gate acts once there is something to hold the run to: a floor, or a baseline. */
export function isGateInEffect(options: GateOptions): boolean {
  return options.failUnder !== undefined || options.baseline !== undefined;
}

/**
 * The quality gate over this run's calls, on the metric chosen (`score` unless told). Each cell
 * of `cells` (then any other cell the rows hold) is checked:
 * - `no-score`: it made calls but none was scored (every one a provider error): nothing to pass on;
 * - `fail-under`: its metric (a mean over cases) is below `failUnder`, or it has no value at all;
 * - against the baseline's same cell, paired by case over the cases both have a value for, with
 *   D = `maxDrop` (default 0):
 *   - mode `max-drop` (default), check `max-drop`: fails when there is evidence the drop exceeds
 *     D: the one-sided upper bound of candidate − baseline, Holm-adjusted over the cells tested
 *     (the bound is at level 0.05 · p/p_Holm, so it is below −D exactly when p_Holm < 0.05), is
 *     below −D. A true drop of D or less fails at most 5% of the time over all cells.
 *   - mode `non-inferiority`, check `non-inferiority`: fails unless there is evidence the drop is
 *     under D: the one-sided 95% lower bound must be above −D. No adjustment: passing needs every
 *     cell to show it (an intersection–union test), so the chance of passing a drop of D or more
 *     is at most 5% without one.
 *   A cell new in this run, or with under 2 cases in common, is reported, not failed.
 * The run passes when no cell failed a check. `reasons` is left empty: the sentences are the
 * report's (src/report/describe-gate.ts), and the caller fills them in.
 */
export function evaluateGate(rows: readonly AggregateRow[], cells: readonly CellKey[], options: GateOptions): GateVerdict {
  const metric = options.metric ?? 'score';
  const groups = groupByCell(rows);
  const baseline = options.baseline;
  const maxDrop = baseline === undefined ? undefined : (options.maxDrop ?? DEFAULT_MAX_DROP);
  const mode = baseline === undefined ? undefined : (options.mode ?? DEFAULT_GATE_MODE);
  const pairing = baseline === undefined ? undefined : pairCells({ rows: baseline.rows, order: baseline.order ?? [] }, { rows, order: cells }, metric);
  const margins = mode === undefined || maxDrop === undefined ? new Map<string, GateMarginTest>() : testMargins(pairing?.cells ?? [], mode, maxDrop);
  const paired = new Map((pairing?.cells ?? []).map((c) => [cellKeyOf(c), c]));

  const listed = new Map<string, CellKey>();
  for (const cell of [...cells, ...[...groups.values()].map((g) => g.cell)]) if (!listed.has(cellKeyOf(cell))) listed.set(cellKeyOf(cell), cell);

  const gateCells = [...listed.values()].map((cell): GateCell => {
    const key = cellKeyOf(cell);
    const side = summarizeSide(groups.get(key)?.rows ?? [], metric);
    const pair = paired.get(key);
    const margin = margins.get(key);
    const failed: GateCheck[] = [];
    if (side.calls > 0 && side.meanScore === null) failed.push('no-score');
    else if (options.failUnder !== undefined && side.calls > 0 && (side.value === null || side.value < options.failUnder - ON_THRESHOLD)) failed.push('fail-under');
    if (margin !== undefined && failsMargin(margin)) failed.push(margin.mode);
    return {
      variant: cell.variant,
      target: cell.target,
      meanScore: side.meanScore,
      n: side.n,
      value: side.value,
      valueN: side.valueN,
      ...baselineOf(pair, margin),
      failed,
    };
  });

  return {
    passed: gateCells.every((c) => c.failed.length === 0),
    ...(baseline === undefined ? {} : { baseline: baseline.label, baselineRunId: baseline.runId }),
    ...(options.failUnder === undefined ? {} : { failUnder: options.failUnder }),
    ...(maxDrop === undefined ? {} : { maxDrop }),
    ...(mode === undefined ? {} : { mode }),
    metric,
    reasons: [],
    cells: gateCells,
    baselineOnly: (pairing?.onlyA ?? []).filter((cell) => !listed.has(cellKeyOf(cell))),
  };
}

/** The margin test of every cell with a paired test, keyed by cell. */
function testMargins(cells: readonly PairedCell[], mode: GateMode, margin: number): Map<string, GateMarginTest> {
  const tested = cells.flatMap((c) => (c.evidence === null ? [] : [{ key: cellKeyOf(c), evidence: c.evidence }]));
  const pValues = tested.map(({ evidence }) => (mode === 'max-drop' ? evidence.pBelow(-margin) : evidence.pAbove(-margin)));
  const adjusted = mode === 'max-drop' ? holmAdjust(pValues) : pValues;
  const family = mode === 'max-drop' ? tested.length : 1;
  const out = new Map<string, GateMarginTest>();
  tested.forEach(({ key, evidence }, i) => {
    const pValue = pValues[i] ?? 1;
    const pAdjusted = adjusted[i] ?? 1;
    out.set(key, buildMarginTest(evidence, mode, margin, pValue, pAdjusted, family));
  });
  return out;
}

/**
 * The bound printed is at the level the decision used: with Holm, 0.05 · p / p_Holm (the step's
 * α/(m − i + 1) when Holm did not stop earlier), so "bound < −D" and "p_Holm < 0.05" are the
 * same statement. A p of 0 is below every level: the smallest step's bound is shown.
 */
function buildMarginTest(evidence: PairedEvidence, mode: GateMode, margin: number, pValue: number, pAdjusted: number, family: number): GateMarginTest {
  const gamma = mode === 'non-inferiority' ? GATE_ALPHA : pAdjusted > 0 ? (GATE_ALPHA * pValue) / pAdjusted : GATE_ALPHA / family;
  const bound = mode === 'max-drop' ? evidence.upper(gamma) : evidence.lower(gamma);
  const power = marginPower(mode, evidence.sd, evidence.n, margin, GATE_ALPHA / family);
  return { mode, margin, bound, confidence: 1 - gamma, pValue, pAdjusted, family, detectableDrop: power.detectableDrop, passChance: power.passChance };
}

/** The bound decides (it is the p-value's exact inverse); a bound on −D is not past it. */
function failsMargin(m: GateMarginTest): boolean {
  return m.mode === 'max-drop' ? m.bound < -m.margin - ON_THRESHOLD : !(m.bound > -m.margin + ON_THRESHOLD);
}

function baselineOf(pair: PairedCell | undefined, margin: GateMarginTest | undefined): Pick<GateCell, 'baseline'> {
  if (pair === undefined) return {};
  const diff = pair.diff === null ? null : { ...pair.diff, ...(margin === undefined ? {} : { margin }) };
  return { baseline: { meanScore: pair.a.meanScore, n: pair.a.n, value: pair.a.value, valueN: pair.a.valueN, diff } };
}
