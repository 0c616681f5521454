import { incompleteBeta } from './incomplete-beta.ts';

/** Two-sided tail P(|T| ≥ |t|) for Student's t with df degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  // Computed directly rather than as 2·(1 − CDF) so tiny p-values keep their precision.
  return incompleteBeta(df / 2, 0.5, df / (df + t * t));
}

/** Student's t cumulative distribution P(T ≤ t). */
export function tCdf(t: number, df: number): number {
  const tail = tTwoSidedP(t, df) / 2;
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Quantiles already found: a run asks for the same few (0.975, 0.8, 1 − α/2m at the corpus's df)
 * for every pair, and the bisection below costs ~100 incomplete-beta evaluations each.
 */
const quantiles = new Map<string, number>();
const MAX_REMEMBERED = 4096;

/** The p-quantile of Student's t (p in (0, 1)), by bisection on the CDF: slow-ish, but exact to 1e-12. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  const key = `${p}:${df}`;
  const known = quantiles.get(key);
  if (known !== undefined) return known;
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  if (quantiles.size >= MAX_REMEMBERED) quantiles.clear();
  quantiles.set(key, (lo + hi) / 2);
  return (lo + hi) / 2;
}
