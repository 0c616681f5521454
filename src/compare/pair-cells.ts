import type { AggregateRow } from '../aggregate/aggregate-row.ts';
import { buildCaseMeans, type CaseMean } from '../aggregate/case-means.ts';
import { holmAdjust } from '../aggregate/holm.ts';
import { pairedTTest } from '../aggregate/paired-t-test.ts';
import type { GateDiff } from '../aggregate/summary-types.ts';
import { cellKeyOf, groupByCell, type CellKey } from './cell-key.ts';

/** b − a over the cases both runs scored; `significant` needs the CI to exclude 0 and the Holm-adjusted p < 0.05. */
export type PairedDiff = GateDiff;

/** One run's side of a cell, over cases (a case's repeats averaged first, as the scorecard does). */
export interface CellSide {
  /** Calls made, provider errors and repeats included. */
  calls: number;
  /** Cases with a score. */
  n: number;
  meanScore: number | null;
  cases: CaseMean[];
}

export type ScoredCase = CaseMean & { score: number };

export interface SharedCase {
  caseId: string;
  a: ScoredCase;
  b: ScoredCase;
  /** b − a */
  diff: number;
}

export interface PairedCell extends CellKey {
  a: CellSide;
  b: CellSide;
  /** In b's case order. */
  shared: SharedCase[];
  /** Null under 2 shared cases: one difference has no spread to test against. */
  diff: PairedDiff | null;
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
 * Matches two runs cell by cell (same variant and target) and case by case, and tests b − a per
 * cell with the paired t-test of the scorecard. Several cells are several tests: p-values are
 * Holm-adjusted over the cells tested, so one noisy cell among many does not read as a change.
 */
export function pairCells(a: RunRows, b: RunRows): CellPairing {
  const groupsA = groupByCell(a.rows);
  const groupsB = groupByCell(b.rows);
  const cells: Omit<PairedCell, 'diff'>[] = [];
  const onlyB: CellKey[] = [];
  for (const key of orderKeys(groupsB, b.order)) {
    const cell = groupsB.get(key)?.cell as CellKey;
    const rowsA = groupsA.get(key)?.rows;
    if (rowsA === undefined) {
      onlyB.push(cell);
      continue;
    }
    const sideA = summarizeSide(rowsA);
    const sideB = summarizeSide(groupsB.get(key)?.rows ?? []);
    cells.push({ variant: cell.variant, target: cell.target, a: sideA, b: sideB, shared: shareCases(sideA.cases, sideB.cases) });
  }
  const onlyA = orderKeys(groupsA, a.order)
    .filter((key) => !groupsB.has(key))
    .map((key) => groupsA.get(key)?.cell as CellKey);
  return { cells: testCells(cells), onlyA, onlyB };
}

export function summarizeSide(rows: readonly AggregateRow[]): CellSide {
  const cases = buildCaseMeans(rows);
  const scores = cases.flatMap((c) => (c.score === null ? [] : [c.score]));
  return { calls: rows.length, n: scores.length, meanScore: scores.length === 0 ? null : sum(scores) / scores.length, cases };
}

function shareCases(a: readonly CaseMean[], b: readonly CaseMean[]): SharedCase[] {
  const byId = new Map(a.map((c) => [c.caseId, c]));
  const shared: SharedCase[] = [];
  for (const cb of b) {
    const ca = byId.get(cb.caseId);
    if (ca === undefined || !isScored(ca) || !isScored(cb)) continue;
    shared.push({ caseId: cb.caseId, a: ca, b: cb, diff: cb.score - ca.score });
  }
  return shared;
}

function testCells(cells: readonly Omit<PairedCell, 'diff'>[]): PairedCell[] {
  const tests = cells.map((c) => pairedTTest(c.shared.map((s) => s.diff)));
  const tested = tests.flatMap((t) => (t === null ? [] : [t.pValue]));
  const adjusted = holmAdjust(tested);
  let next = 0;
  return cells.map((cell, i) => {
    const test = tests[i];
    if (test === null || test === undefined) return { ...cell, diff: null };
    const pAdjusted = adjusted[next++] ?? 1;
    return {
      ...cell,
      diff: {
        meanDiff: test.meanDiff,
        ci95: test.ci95,
        pValue: test.pValue,
        pAdjusted,
        n: test.n,
        significant: test.significant && pAdjusted < ALPHA,
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

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
