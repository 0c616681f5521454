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
