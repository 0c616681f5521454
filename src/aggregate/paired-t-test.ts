import type { Interval } from './confidence.ts';
import { mean, sampleSd } from './descriptive.ts';
import { tQuantile, tTwoSidedP } from './student-t.ts';

export interface PairedTTest {
  meanDiff: number;
  ci95: Interval;
  /** Two-sided. */
  pValue: number;
  n: number;
}

/**
 * Paired t-test on differences (b − a per case). Null for fewer than 2 pairs. When every
 * difference is the same the spread is 0: the interval is the point, and p is 1 if that point
 * is 0 (no difference at all) and 0 otherwise (a perfectly consistent difference).
 */
export function pairedTTest(diffs: readonly number[]): PairedTTest | null {
  const n = diffs.length;
  const m = mean(diffs);
  const sd = sampleSd(diffs);
  if (m === null || sd === null) return null;
  // Compared directly: the mean of equal floats can be off by an ulp, leaving a spurious tiny sd.
  const first = diffs[0] as number;
  if (diffs.every((d) => d === first)) return { meanDiff: first, ci95: [first, first], pValue: first === 0 ? 1 : 0, n };
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  const half = tQuantile(0.975, df) * se;
  return { meanDiff: m, ci95: [m - half, m + half], pValue: tTwoSidedP(m / se, df), n };
}
