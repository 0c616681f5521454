import { REPLY_TYPES, type ReplyType } from '../parse/reply-schema.ts';
import type { AggregateRow } from './aggregate-row.ts';
import { wilsonCi95, type Interval } from './confidence.ts';
import { mean, percentile } from './descriptive.ts';
import { createMulberry32 } from './seeded-random.ts';

export interface TypeScores {
  /** Of the replies of this type, the share where the case accepted it; null when none came back. */
  precision: number | null;
  /** Of the calls whose right type was this one, the share that got it; null when there were none. */
  recall: number | null;
  f1: number | null;
  /** Calls whose right type was this one. */
  support: number;
}

/** Did the reply choose answer / question / invalid as the case expects: apart from how good it was. */
export interface Classification {
  /** Cases with at least one call that got a reply or a parse failure (provider errors say nothing). */
  n: number;
  /** Share of calls whose outcome the case accepts, averaged per case first; a format or schema error is a miss. */
  accuracy: number | null;
  accuracyCi95: Interval | null;
  /** The mean F1 of the reply types the cell saw (as the right type or as a reply). */
  macroF1: number | null;
  /** Percentile bootstrap over cases (seeded, so a rebuilt report shows the same interval). */
  macroF1Ci95: Interval | null;
  perType: Record<ReplyType, TypeScores>;
}

/** Calls whose outcome says something about the prompt: everything but provider errors. */
function judged(rows: readonly AggregateRow[]): AggregateRow[] {
  return rows.filter((r) => r.outcome !== 'provider_error');
}

function accepts(row: AggregateRow): boolean {
  return (row.acceptedTypes as readonly string[]).includes(row.outcome);
}

/**
 * Accuracy, per-type precision/recall/F1 and macro-F1. Where a case accepts two types, the right
 * type of a call is the one it chose when that was acceptable, else the case's expected type: so a
 * defensible choice is never a miss, and the confusion matrix still shows what came back.
 */
export function buildClassification(rows: readonly AggregateRow[]): Classification {
  const byCase = tallyByCase(judged(rows));
  const cases = [...byCase.values()];
  const caseAccuracy = cases.map((t) => t.accepted / t.calls);
  const accuracy = mean(caseAccuracy);
  const successes = caseAccuracy.reduce((a, b) => a + b, 0);
  const { perType, macroF1 } = scoreTypes(sumTallies(cases));
  return {
    n: byCase.size,
    accuracy,
    accuracyCi95: accuracy === null ? null : wilsonCi95(successes, byCase.size),
    macroF1,
    macroF1Ci95: bootstrapMacroF1(cases),
    perType,
  };
}

/**
 * One case's calls as counts: how often each type was predicted, was the right type, and was both.
 * Everything the scores need, so a bootstrap resamples cases by adding a few numbers, not rows.
 */
interface CaseTally {
  calls: number;
  accepted: number;
  predicted: number[];
  actual: number[];
  hits: number[];
}

function emptyTally(): CaseTally {
  return { calls: 0, accepted: 0, predicted: REPLY_TYPES.map(() => 0), actual: REPLY_TYPES.map(() => 0), hits: REPLY_TYPES.map(() => 0) };
}

function tallyByCase(rows: readonly AggregateRow[]): Map<string, CaseTally> {
  const byCase = new Map<string, CaseTally>();
  for (const row of rows) {
    let tally = byCase.get(row.caseId);
    if (tally === undefined) byCase.set(row.caseId, (tally = emptyTally()));
    const ok = accepts(row);
    const right = ok ? row.outcome : row.expectedType;
    tally.calls += 1;
    if (ok) tally.accepted += 1;
    const p = (REPLY_TYPES as readonly string[]).indexOf(row.outcome);
    const a = (REPLY_TYPES as readonly string[]).indexOf(right);
    if (p >= 0) tally.predicted[p] = (tally.predicted[p] ?? 0) + 1;
    if (a >= 0) tally.actual[a] = (tally.actual[a] ?? 0) + 1;
    if (p >= 0 && p === a) tally.hits[p] = (tally.hits[p] ?? 0) + 1;
  }
  return byCase;
}

function sumTallies(tallies: readonly CaseTally[]): CaseTally {
  const sum = emptyTally();
  for (const t of tallies) addTally(sum, t);
  return sum;
}

function addTally(into: CaseTally, t: CaseTally): void {
  into.calls += t.calls;
  into.accepted += t.accepted;
  for (let i = 0; i < REPLY_TYPES.length; i++) {
    into.predicted[i] = (into.predicted[i] ?? 0) + (t.predicted[i] ?? 0);
    into.actual[i] = (into.actual[i] ?? 0) + (t.actual[i] ?? 0);
    into.hits[i] = (into.hits[i] ?? 0) + (t.hits[i] ?? 0);
  }
}

function scoreTypes(t: CaseTally): { perType: Record<ReplyType, TypeScores>; macroF1: number | null } {
  const perType = {} as Record<ReplyType, TypeScores>;
  const f1s: number[] = [];
  REPLY_TYPES.forEach((type, i) => {
    const predicted = t.predicted[i] ?? 0;
    const actual = t.actual[i] ?? 0;
    const hits = t.hits[i] ?? 0;
    const precision = predicted === 0 ? null : hits / predicted;
    const recall = actual === 0 ? null : hits / actual;
    const f1 = precision === null || recall === null ? (predicted + actual > 0 ? 0 : null) : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perType[type] = { precision, recall, f1, support: actual };
    if (f1 !== null) f1s.push(f1);
  });
  return { perType, macroF1: mean(f1s) };
}

const BOOTSTRAP_RESAMPLES = 1000;
const BOOTSTRAP_SEED = 0x5eed;

/** Percentile bootstrap of macro-F1, resampling whole cases (their repeats stay together); null under 2 cases. */
function bootstrapMacroF1(cases: readonly CaseTally[]): Interval | null {
  if (cases.length < 2) return null;
  const random = createMulberry32(BOOTSTRAP_SEED);
  const values: number[] = [];
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    const sample = emptyTally();
    for (let i = 0; i < cases.length; i++) {
      const drawn = cases[Math.floor(random() * cases.length)];
      if (drawn !== undefined) addTally(sample, drawn);
    }
    const { macroF1 } = scoreTypes(sample);
    if (macroF1 !== null) values.push(macroF1);
  }
  const lo = percentile(values, 2.5);
  const hi = percentile(values, 97.5);
  return lo === null || hi === null ? null : [lo, hi];
}
