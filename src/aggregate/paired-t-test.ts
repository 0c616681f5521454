import type { Interval } from './confidence.ts';
import type { PairedEvidence } from './paired-evidence.ts';
import { tQuantile, tTwoSidedP } from './student-t.ts';

/**
 * The paired t-test on n differences with mean m and sample SD sd > 0: t = (m − δ₀)/SE with
 * SE = sd/√n and n − 1 degrees of freedom; bounds m ∓ t(1 − γ, n − 1) · SE.
 */
export function tEvidence(n: number, m: number, sd: number, changed: number): PairedEvidence {
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  /** P(T ≥ t), computed from the two-sided tail so a tiny p keeps its precision. */
  const upperTail = (t: number) => {
    const half = tTwoSidedP(t, df) / 2;
    return t >= 0 ? half : 1 - half;
  };
  const quantile = (gamma: number) => tQuantile(1 - gamma, df);
  return {
    method: 'paired-t',
    n,
    meanDiff: m,
    sd,
    changed,
    lower: (gamma) => m - quantile(gamma) * se,
    upper: (gamma) => m + quantile(gamma) * se,
    pAbove: (d0) => upperTail((m - d0) / se),
    pBelow: (d0) => upperTail((d0 - m) / se),
  };
}

export function excludesZero(ci: Interval): boolean {
  return ci[0] > 0 || ci[1] < 0;
}
