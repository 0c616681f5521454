import type { AggregateRow } from '../aggregate/aggregate-row.ts';
import { buildCaseMeans, type CaseMean } from '../aggregate/case-means.ts';
import { holmAdjust } from '../aggregate/holm.ts';
import { minDetectableEffect } from '../aggregate/min-detectable-effect.ts';
import { intervalOf, twoSidedP, weighPairedDiffs, type PairedEvidence } from '../aggregate/paired-evidence.ts';
import { excludesZero } from '../aggregate/paired-t-test.ts';
import type { GateDiff, GateMetric } from '../aggregate/summary-types.ts';
import { cellKeyOf, groupByCell, type CellKey } from './cell-key.ts';
import { caseValue } from './gate-metric.ts';

/** b − a over the cases both runs have a value for; `significant` needs the Holm-adjusted two-sided p < 0.05. */
export type PairedDiff = Omit<GateDiff, 'margin'>;

/** One run's side of a cell, over cases (a case's repeats averaged first, as the scorecard does). */
export interface CellSide {
  /** Calls made, provider errors and repeats included. */
  calls: number;
  /** Cases with a score. */
  n: number;
  meanScore: number | null;
  /** The paired metric over the cases that have it (meanScore for `score`), and how many those are. */
  value: number | null;
  valueN: number;
  cases: CaseMean[];
}

export type ScoredCase = CaseMean & { score: number };

export interface SharedCase {
  caseId: string;
  a: ScoredCase;
  b: ScoredCase;
  /** b − a of the metric (the score unless the gate says otherwise). */
  diff: number;
}

export interface PairedCell extends CellKey {
  a: CellSide;
  b: CellSide;
  /** In b's case order. */
  shared: SharedCase[];
  /** Null under 2 shared cases: one difference has no spread to test against. */
  diff: PairedDiff | null;
  /** What the differences say, for tests against a margin; null with `diff`. */
  evidence: PairedEvidence | null;
}

export interface CellPairing {
  /** Cells both runs have, in b's order. */
  cells: PairedCell[];
  onlyA: CellKey[];
  onlyB: CellKey[];
}

export interface RunRows {
  rows: readonly AggregateRow[];
  /** Cells in the order a reader expects (the run's variants × targets); unlisted cells follow in order of appearance. */
  order?: readonly CellKey[];
}

const ALPHA = 0.05;

/**
 * Matches two runs cell by cell (same variant and target) and case by case, and tests b − a of
 * the metric per cell with the paired test of the scorecard (exact sign-flip or paired t). Several
 * cells are several tests: two-sided p-values are Holm-adjusted over the cells tested, so one
 * noisy cell among many does not read as a change, and the smallest detectable difference is
 * stated at 0.05 / cells tested.
 */
export function pairCells(a: RunRows, b: RunRows, metric: GateMetric = 'score'): CellPairing {
  const groupsA = groupByCell(a.rows);
  const groupsB = groupByCell(b.rows);
  const cells: Omit<PairedCell, 'diff' | 'evidence'>[] = [];
  const onlyB: CellKey[] = [];
  for (const key of orderKeys(groupsB, b.order)) {
    const cell = groupsB.get(key)?.cell as CellKey;
    const rowsA = groupsA.get(key)?.rows;
    if (rowsA === undefined) {
      onlyB.push(cell);
      continue;
    }
    const sideA = summarizeSide(rowsA, metric);
    const sideB = summarizeSide(groupsB.get(key)?.rows ?? [], metric);
    cells.push({ variant: cell.variant, target: cell.target, a: sideA, b: sideB, shared: shareCases(sideA.cases, sideB.cases, metric) });
  }
  const onlyA = orderKeys(groupsA, a.order)
    .filter((key) => !groupsB.has(key))
    .map((key) => groupsA.get(key)?.cell as CellKey);
  return { cells: testCells(cells), onlyA, onlyB };
}

export function summarizeSide(rows: readonly AggregateRow[], metric: GateMetric = 'score'): CellSide {
  const cases = buildCaseMeans(rows);
  const scores = cases.flatMap((c) => (c.score === null ? [] : [c.score]));
  const values = cases.flatMap((c) => {
    const v = caseValue(c, metric);
    return v === null ? [] : [v];
  });
  return {
    calls: rows.length,
    n: scores.length,
    meanScore: meanOrNull(scores),
    value: meanOrNull(values),
    valueN: values.length,
    cases,
  };
}

function shareCases(a: readonly CaseMean[], b: readonly CaseMean[], metric: GateMetric): SharedCase[] {
  const byId = new Map(a.map((c) => [c.caseId, c]));
  const shared: SharedCase[] = [];
  for (const cb of b) {
    const ca = byId.get(cb.caseId);
    if (ca === undefined || !isScored(ca) || !isScored(cb)) continue;
    const va = caseValue(ca, metric);
    const vb = caseValue(cb, metric);
    if (va === null || vb === null) continue;
    shared.push({ caseId: cb.caseId, a: ca, b: cb, diff: vb - va });
  }
  return shared;
}

function testCells(cells: readonly Omit<PairedCell, 'diff' | 'evidence'>[]): PairedCell[] {
  const evidence = cells.map((c) => weighPairedDiffs(c.shared.map((s) => s.diff)));
  const tested = evidence.flatMap((e) => (e === null ? [] : [twoSidedP(e)]));
  const adjusted = holmAdjust(tested);
  const mdeAlpha = ALPHA / Math.max(1, tested.length);
  let next = 0;
  return cells.map((cell, i) => {
    const e = evidence[i] ?? null;
    if (e === null) return { ...cell, diff: null, evidence: null };
    const pAdjusted = adjusted[next++] ?? 1;
    const ci95 = intervalOf(e, ALPHA);
    return {
      ...cell,
      evidence: e,
      diff: {
        meanDiff: e.meanDiff,
        ci95,
        pValue: twoSidedP(e),
        pAdjusted,
        n: e.n,
        significant: excludesZero(ci95) && pAdjusted < ALPHA,
        method: e.method,
        changed: e.changed,
        mde: minDetectableEffect(e.sd, e.n, mdeAlpha),
        mdeAlpha,
      },
    };
  });
}

function orderKeys(groups: ReadonlyMap<string, unknown>, order: readonly CellKey[] = []): string[] {
  const listed = order.map(cellKeyOf).filter((key) => groups.has(key));
  return [...new Set([...listed, ...groups.keys()])];
}

function isScored(c: CaseMean): c is ScoredCase {
  return c.score !== null;
}

function meanOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}
