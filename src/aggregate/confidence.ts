import { mean, sampleSd } from './descriptive.ts';
import { tQuantile } from './student-t.ts';

/** z for a two-sided 95% interval. */
const Z_975 = 1.959963984540054;

export type Interval = [number, number];

/**
 * t-based 95% interval for the mean. Null for no values; for one value the point itself is both
 * bounds (there is no spread to estimate, and a [−∞, ∞] interval would break JSON and tables).
 */
export function meanCi95(values: readonly number[]): Interval | null {
  const m = mean(values);
  if (m === null) return null;
  const sd = sampleSd(values);
  if (sd === null || sd === 0) return [m, m];
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
