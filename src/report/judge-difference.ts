import type { PairedComparison } from '../aggregate/summary-types.ts';

/**
 * What a paired difference b − a amounts to, decided from the numbers a sentence prints beside it:
 * - `better` / `worse`: b is significantly better / worse (Holm-adjusted p < 0.05, and the
 *   unadjusted 95% CI on that side of 0), by at least the minimum effect when one is set;
 * - `negligible`: significant, but smaller than the minimum effect;
 * - `unadjusted`: the unadjusted 95% CI excludes 0, but the Holm-adjusted p is not under 0.05;
 * - `none`: the CI includes 0;
 * - `unchanged`: every paired case scored the same on both sides.
 */
export type DifferenceKind = 'better' | 'worse' | 'negligible' | 'unadjusted' | 'none' | 'unchanged';

export type DifferenceFacts = Pick<PairedComparison, 'meanDiff' | 'ci95' | 'significant'> & { changed?: number | undefined };

export function judgeDifference(d: DifferenceFacts, minEffect?: number): DifferenceKind {
  const [lo, hi] = d.ci95;
  if (d.changed === 0 || (lo === 0 && hi === 0)) return 'unchanged';
  const up = d.significant && lo > 0 && d.meanDiff > 0;
  const down = d.significant && hi < 0 && d.meanDiff < 0;
  if (up || down) return minEffect !== undefined && Math.abs(d.meanDiff) < minEffect ? 'negligible' : up ? 'better' : 'worse';
  return lo > 0 || hi < 0 ? 'unadjusted' : 'none';
}

/** The CI lies inside (−E, E): differences of E or more are ruled out. */
export function rulesOutEffect(ci: readonly [number, number], minEffect: number | undefined): boolean {
  return minEffect !== undefined && ci[0] > -minEffect && ci[1] < minEffect;
}
