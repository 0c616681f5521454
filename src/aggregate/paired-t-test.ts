import type { Interval } from './confidence.ts';
import { mean, sampleSd } from './descriptive.ts';
import { tQuantile, tTwoSidedP } from './student-t.ts';

export interface PairedTTest {
  meanDiff: number;
  ci95: Interval;
  /** Two-sided. */
  pValue: number;
  n: number;
  /** The CI excludes 0 and p < 0.05 (unadjusted: a run's comparisons are Holm-adjusted later). */
  significant: boolean;
  /** Sample SD of the differences; 0 when they are all the same. */
  sd: number;
  /** `paired-t`, or `sign` when every difference is the same and a t-test has no spread to use. */
  method: PairedMethod;
}

export type PairedMethod = 'paired-t' | 'sign';

const ALPHA = 0.05;

/**
 * Differences within this of each other are the same difference. Scores lie in [0, 1], so
 * subtracting them leaves float noise near 1e-16 (0.9 − 0.6 ≠ 1.0 − 0.7), which a t-test would read
 * as a tiny spread and call p ≈ 0; no rubric measures a real difference this small.
 */
const SAME_DIFF = 1e-9;

/**
 * Paired t-test on differences (b − a per case). Null for fewer than 2 pairs. When every
 * difference is the same there is no spread for a t-test to use (it would say p = 0 for two
 * cases); an exact sign test takes over, see `testZeroSpread`.
 */
export function pairedTTest(diffs: readonly number[]): PairedTTest | null {
  const n = diffs.length;
  const m = mean(diffs);
  const sd = sampleSd(diffs);
  if (m === null || sd === null) return null;
  if (spreadOf(diffs) <= SAME_DIFF) return testZeroSpread(m, n);
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  const half = tQuantile(0.975, df) * se;
  const ci95: Interval = [m - half, m + half];
  const pValue = tTwoSidedP(m / se, df);
  return { meanDiff: m, ci95, pValue, n, significant: excludesZero(ci95) && pValue < ALPHA, sd, method: 'paired-t' };
}

/**
 * Every difference is d. The interval stays the point (that is what the data shows), but the
 * evidence is only that all n cases moved the same way: an exact two-sided sign test gives
 * p = 2 · 0.5ⁿ (1 when d is 0), so 2 cases (p = 0.5) are never a win and 6 (p ≈ 0.03) are.
 */
function testZeroSpread(m: number, n: number): PairedTTest {
  const d = Math.abs(m) <= SAME_DIFF ? 0 : m;
  const pValue = d === 0 ? 1 : Math.min(1, 2 * 0.5 ** n);
  const ci95: Interval = [d, d];
  return { meanDiff: d, ci95, pValue, n, significant: excludesZero(ci95) && pValue < ALPHA, sd: 0, method: 'sign' };
}

export function excludesZero(ci: Interval): boolean {
  return ci[0] > 0 || ci[1] < 0;
}

/** max − min, by a loop: spreading a large array into Math.max can overflow the stack. */
function spreadOf(values: readonly number[]): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}
