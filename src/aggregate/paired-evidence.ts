import type { Interval } from './confidence.ts';
import { mean, sampleSd } from './descriptive.ts';
import { groupChanges, SAME_DIFF, signFlipEvidence } from './sign-flip.ts';
import { tEvidence } from './paired-t-test.ts';

export type PairedMethod = 'paired-t' | 'sign-flip';

/**
 * What paired differences (b − a per case) say about the true mean difference δ, as one-sided
 * bounds and one-sided p-values that are exact inverses of each other:
 * `pAbove(δ₀) < γ` exactly when `lower(γ) > δ₀`, and `pBelow(δ₀) < γ` exactly when `upper(γ) < δ₀`.
 * Every decision (a comparison, either gate mode) is one of these, so a verdict and the bound
 * printed beside it cannot disagree.
 */
export interface PairedEvidence {
  method: PairedMethod;
  n: number;
  meanDiff: number;
  /** Sample SD of the differences (0 when they are all the same). */
  sd: number;
  /** Cases whose difference is not 0. */
  changed: number;
  /** One-sided lower confidence bound at confidence 1 − γ. */
  lower(gamma: number): number;
  /** One-sided upper confidence bound at confidence 1 − γ. */
  upper(gamma: number): number;
  /** One-sided p-value for δ > δ₀. */
  pAbove(delta0: number): number;
  /** One-sided p-value for δ < δ₀. */
  pBelow(delta0: number): number;
}

/**
 * Below this many changed cases, or when every change has the same size (0/1 scores), the exact
 * sign-flip test decides: a t-test on mostly-zero differences reads 4 changes out of 60 as p = 0.04
 * where the exact answer is 0.125.
 */
export const EXACT_BELOW_CHANGED = 20;

/** Null under 2 differences: one difference has no spread to test against. */
export function weighPairedDiffs(diffs: readonly number[]): PairedEvidence | null {
  const m = mean(diffs);
  const sd = sampleSd(diffs);
  if (m === null || sd === null) return null;
  const changes = groupChanges(diffs);
  if (changes.groups.length <= 1 || changes.changed < EXACT_BELOW_CHANGED) return signFlipEvidence(diffs.length, m, sd, changes);
  return tEvidence(diffs.length, m, sd, changes.changed);
}

/** Two-sided p: twice the smaller one-sided p, capped at 1 (for the t-test, the usual one). */
export function twoSidedP(e: PairedEvidence): number {
  return Math.min(1, 2 * Math.min(e.pAbove(0), e.pBelow(0)));
}

/** Two-sided interval at confidence 1 − α: it excludes 0 exactly when twoSidedP(e) < α. */
export function intervalOf(e: PairedEvidence, alpha: number): Interval {
  return [e.lower(alpha / 2), e.upper(alpha / 2)];
}

export { SAME_DIFF };
