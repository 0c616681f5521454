import { REPLY_TYPES, type ReplyType } from '../parse/reply-schema.ts';
import type { AggregateRow } from './aggregate-row.ts';
import { wilsonCi95, type Interval } from './confidence.ts';
import { mean, percentile } from './descriptive.ts';

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
  const calls = judged(rows);
  const byCase = groupByCase(calls);
  const caseAccuracy = [...byCase.values()].map((list) => list.filter(accepts).length / list.length);
  const accuracy = mean(caseAccuracy);
  const successes = caseAccuracy.reduce((a, b) => a + b, 0);
  const { perType, macroF1 } = scoreTypes(calls);
  return {
    n: byCase.size,
    accuracy,
    accuracyCi95: accuracy === null ? null : wilsonCi95(successes, byCase.size),
    macroF1,
    macroF1Ci95: bootstrapMacroF1([...byCase.values()]),
    perType,
  };
}

function groupByCase(rows: readonly AggregateRow[]): Map<string, AggregateRow[]> {
  const byCase = new Map<string, AggregateRow[]>();
  for (const row of rows) {
    const list = byCase.get(row.caseId);
    if (list === undefined) byCase.set(row.caseId, [row]);
    else list.push(row);
  }
  return byCase;
}

function rightType(row: AggregateRow): string {
  return accepts(row) ? row.outcome : row.expectedType;
}

function scoreTypes(calls: readonly AggregateRow[]): { perType: Record<ReplyType, TypeScores>; macroF1: number | null } {
  const perType = {} as Record<ReplyType, TypeScores>;
  const f1s: number[] = [];
  for (const type of REPLY_TYPES) {
    const predicted = calls.filter((r) => r.outcome === type);
    const actual = calls.filter((r) => rightType(r) === type);
    const hits = predicted.filter((r) => rightType(r) === type).length;
    const precision = predicted.length === 0 ? null : hits / predicted.length;
    const recall = actual.length === 0 ? null : hits / actual.length;
    const f1 = precision === null || recall === null ? (predicted.length + actual.length > 0 ? 0 : null) : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perType[type] = { precision, recall, f1, support: actual.length };
    if (f1 !== null) f1s.push(f1);
  }
  return { perType, macroF1: mean(f1s) };
}

const BOOTSTRAP_RESAMPLES = 1000;
const BOOTSTRAP_SEED = 0x5eed;

/** Percentile bootstrap of macro-F1, resampling whole cases (their repeats stay together); null under 2 cases. */
function bootstrapMacroF1(cases: readonly AggregateRow[][]): Interval | null {
  if (cases.length < 2) return null;
  const random = mulberry32(BOOTSTRAP_SEED);
  const values: number[] = [];
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    const sample: AggregateRow[] = [];
    for (let i = 0; i < cases.length; i++) sample.push(...(cases[Math.floor(random() * cases.length)] ?? []));
    const { macroF1 } = scoreTypes(sample);
    if (macroF1 !== null) values.push(macroF1);
  }
  const lo = percentile(values, 2.5);
  const hi = percentile(values, 97.5);
  return lo === null || hi === null ? null : [lo, hi];
}

/** A small seeded PRNG: the same data always gives the same bootstrap interval. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
