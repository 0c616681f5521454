import { incompleteBeta } from './incomplete-beta.ts';

/**
 * One-sided Clopper–Pearson bounds for a binomial share k/n at level γ: the shares p for which
 * P(X ≥ k | p) = γ (lower) and P(X ≤ k | p) = γ (upper). Exact (never below nominal coverage),
 * and 0 / 1 at the edges (k = 0 / k = n), where no share below / above is ruled out.
 */
export function clopperPearsonLower(k: number, n: number, gamma: number): number {
  if (k <= 0) return 0;
  // P(X ≥ k | p) = I_p(k, n − k + 1), increasing in p.
  return solveIncreasing((p) => incompleteBeta(k, n - k + 1, p), gamma);
}

export function clopperPearsonUpper(k: number, n: number, gamma: number): number {
  if (k >= n) return 1;
  // P(X ≤ k | p) = 1 − I_p(k + 1, n − k), decreasing in p: solve its complement.
  return solveIncreasing((p) => incompleteBeta(k + 1, n - k, p), 1 - gamma);
}

/** The x in [0, 1] where an increasing f reaches the target, by bisection to 1e-12. */
export function solveIncreasing(f: (x: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
