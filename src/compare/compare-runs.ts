import type { Outcome } from '../parse/reply-schema.ts';
import type { TrialResult } from '../results/trial-result.ts';
import { findCaseChanges } from './case-changes.ts';
import { cellKeyOf, type CellKey } from './cell-key.ts';
import { pairCells, type CellSide, type PairedDiff, type SharedCase } from './pair-cells.ts';

/** One run folder as `compare` reads it. */
export interface RunInput {
  /** The folder as the user gave it. */
  label: string;
  runId: string;
  startedAt: string;
  complete: boolean;
  passThreshold: number;
  results: readonly TrialResult[];
  /** The run's variants × targets, for the order cells are shown in. */
  order?: readonly CellKey[];
}

export interface RunHeader {
  label: string;
  runId: string;
  startedAt: string;
  complete: boolean;
  passThreshold: number;
  calls: number;
  simulated: boolean;
}

/** The reply shown for one side of a changed case: the model's text as written (the renderer cuts and escapes it). */
export interface ReplyExcerpt {
  outcome: Outcome;
  score: number | null;
  text: string;
}

export interface CaseChange {
  caseId: string;
  input: string;
  expectedType: string;
  /** b − a of the case's mean scores. */
  diff: number;
  a: CaseSide;
  b: CaseSide;
}

export interface CaseSide {
  /** The case's mean score over its scored repeats. */
  score: number;
  /** Share of its scored repeats that passed. */
  pass: number | null;
  reply: ReplyExcerpt;
}

export interface CellComparison extends CellKey {
  a: Omit<CellSide, 'cases'>;
  b: Omit<CellSide, 'cases'>;
  /** b − a of the cell means (each over its own cases); null when either has no score. */
  delta: number | null;
  /** Paired over the cases both scored; null under 2 of them. */
  diff: PairedDiff | null;
  simulated: boolean;
  /** Worst first, at most `maxCases`; the counts say how many there are in all. */
  regressed: CaseChange[];
  improved: CaseChange[];
  regressedCount: number;
  improvedCount: number;
}

export interface RunComparison {
  a: RunHeader;
  b: RunHeader;
  cells: CellComparison[];
  onlyA: CellKey[];
  onlyB: CellKey[];
  /** Cells with a paired test: the family the p-values are Holm-adjusted over. */
  tested: number;
}

/** Changed cases listed per cell and direction: enough to see the pattern, short enough to read. */
export const MAX_CASES_SHOWN = 10;

/**
 * Run b against run a, cell by cell (same variant and target): the cell means, their delta, the
 * paired test over the cases both scored (Holm-adjusted over the cells tested), and the cases
 * that regressed and improved with the replies on both sides.
 */
export function compareRuns(a: RunInput, b: RunInput, maxCases = MAX_CASES_SHOWN): RunComparison {
  const pairing = pairCells({ rows: a.results, order: a.order ?? [] }, { rows: b.results, order: b.order ?? [] });
  const repliesA = indexByCase(a.results);
  const repliesB = indexByCase(b.results);
  const cells = pairing.cells.map((cell): CellComparison => {
    const key = cellKeyOf(cell);
    const changes = findCaseChanges(cell.shared);
    const describe = (pair: SharedCase, bWorse: boolean): CaseChange => {
      const fromA = repliesA.get(key)?.get(pair.caseId) ?? [];
      const fromB = repliesB.get(key)?.get(pair.caseId) ?? [];
      const first = fromB[0] ?? fromA[0];
      return {
        caseId: pair.caseId,
        // Results of older versions may lack the input: take it from whichever run kept it.
        input: [...fromB, ...fromA].find((r) => r.input !== '')?.input ?? '',
        expectedType: first?.expectedType ?? '',
        diff: pair.diff,
        a: { score: pair.a.score, pass: pair.a.pass, reply: pickReply(fromA, bWorse ? 'best' : 'worst') },
        b: { score: pair.b.score, pass: pair.b.pass, reply: pickReply(fromB, bWorse ? 'worst' : 'best') },
      };
    };
    const { cases: _a, ...sideA } = cell.a;
    const { cases: _b, ...sideB } = cell.b;
    return {
      variant: cell.variant,
      target: cell.target,
      a: sideA,
      b: sideB,
      delta: sideA.meanScore === null || sideB.meanScore === null ? null : sideB.meanScore - sideA.meanScore,
      diff: cell.diff,
      simulated: [...(repliesA.get(key)?.values() ?? []), ...(repliesB.get(key)?.values() ?? [])].some((list) => list.some((r) => r.simulated)),
      regressed: changes.regressed.slice(0, maxCases).map((pair) => describe(pair, true)),
      improved: changes.improved.slice(0, maxCases).map((pair) => describe(pair, false)),
      regressedCount: changes.regressed.length,
      improvedCount: changes.improved.length,
    };
  });
  return {
    a: headerOf(a),
    b: headerOf(b),
    cells,
    onlyA: pairing.onlyA,
    onlyB: pairing.onlyB,
    tested: cells.filter((c) => c.diff !== null).length,
  };
}

function headerOf(run: RunInput): RunHeader {
  return {
    label: run.label,
    runId: run.runId,
    startedAt: run.startedAt,
    complete: run.complete,
    passThreshold: run.passThreshold,
    calls: run.results.length,
    simulated: run.results.some((r) => r.simulated),
  };
}

function indexByCase(results: readonly TrialResult[]): Map<string, Map<string, TrialResult[]>> {
  const index = new Map<string, Map<string, TrialResult[]>>();
  for (const result of results) {
    const key = cellKeyOf(result);
    let cases = index.get(key);
    if (cases === undefined) index.set(key, (cases = new Map()));
    const list = cases.get(result.caseId);
    if (list === undefined) cases.set(result.caseId, [result]);
    else list.push(result);
  }
  return index;
}

/**
 * With repeats, the side that got worse shows its worst repeat and the other side its best: the
 * pair that shows the change. An unscored repeat (provider error) counts as the worst.
 */
function pickReply(results: readonly TrialResult[], which: 'best' | 'worst'): ReplyExcerpt {
  const rank = (r: TrialResult) => r.score ?? -1;
  let chosen: TrialResult | undefined;
  for (const r of [...results].sort((x, y) => x.repeat - y.repeat)) {
    if (chosen === undefined || (which === 'best' ? rank(r) > rank(chosen) : rank(r) < rank(chosen))) chosen = r;
  }
  if (chosen === undefined) return { outcome: 'provider_error', score: null, text: '' };
  return { outcome: chosen.outcome, score: chosen.score, text: chosen.raw ?? chosen.error?.message ?? '' };
}
