import { mean, sampleSd } from './descriptive.ts';
import { tQuantile } from './student-t.ts';

/** z for a two-sided 95% interval. */
const Z_975 = 1.959963984540054;

export type Interval = [number, number];

/**
 * t-based 95% interval for the mean. Null for fewer than 2 values: one value has no spread to
 * estimate, and showing it as [x, x] would read as certainty (the t-interval is [−∞, ∞]).
 */
export function meanCi95(values: readonly number[]): Interval | null {
  const m = mean(values);
  const sd = sampleSd(values);
  if (m === null || sd === null) return null;
  if (sd === 0) return [m, m];
  const half = (tQuantile(0.975, values.length - 1) * sd) / Math.sqrt(values.length);
  return [m - half, m + half];
}

/**
 * Wilson score 95% interval for a proportion. `successes` may be fractional (a sum of per-case
 * pass rates when cases are repeated). Null when n is 0.
 */
export function wilsonCi95(successes: number, n: number): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z_975 * Z_975;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (Z_975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/**
 * 95% interval for a pass rate over cases whose pass shares may be fractional (repeats): Wilson's
 * interval with Kish's effective number of cases, n_eff = n · p̂(1 − p̂) / s², s² the variance of
 * the shares (over n). A 0/1 share has s² = p̂(1 − p̂), so without repeats n_eff = n and this is the
 * plain Wilson interval; shares vary less than 0/1 outcomes, so with repeats n_eff > n, up to the
 * number of scored calls (when every case passed the same share of its repeats). Treating the
 * shares as n binomial cases instead overstates the spread 1.3–1.4× at 4 repeats.
 */
export function passRateCi95(shares: readonly number[], calls: number): Interval | null {
  const p = mean(shares);
  if (p === null) return null;
  const n = shares.length;
  let nEff = n;
  if (p > 0 && p < 1) {
    let squares = 0;
    for (const s of shares) squares += (s - p) ** 2;
    const variance = squares / n;
    nEff = variance > 0 ? Math.min(Math.max(calls, n), Math.max(n, (n * p * (1 - p)) / variance)) : Math.max(calls, n);
  }
  return wilsonCi95(p * nEff, nEff);
}
