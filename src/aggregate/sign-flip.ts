import { clopperPearsonUpper, solveIncreasing } from './clopper-pearson.ts';
import { incompleteBeta } from './incomplete-beta.ts';
import type { PairedEvidence } from './paired-evidence.ts';

/**
 * Differences within this of each other are the same difference (and within this of 0, none):
 * scores lie in [0, 1], so subtracting them leaves float noise near 1e-16 (0.9 − 0.6 ≠ 1.0 − 0.7)
 * that no rubric means.
 */
export const SAME_DIFF = 1e-9;

/** Changed cases grouped by the size of their change: the sign-flip test only moves signs. */
export interface Changes {
  changed: number;
  /** Σ |dᵢ| over all cases. */
  total: number;
  /** Σ dᵢ: the statistic the sign flips are compared with. */
  observed: number;
  groups: { size: number; count: number; up: number }[];
}

export function groupChanges(diffs: readonly number[]): Changes {
  const nonzero = diffs.filter((d) => Math.abs(d) > SAME_DIFF).sort((x, y) => Math.abs(x) - Math.abs(y));
  const groups: { sizes: number[]; up: number }[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const d of nonzero) {
    const size = Math.abs(d);
    if (size - last > SAME_DIFF || groups.length === 0) groups.push({ sizes: [], up: 0 });
    const group = groups[groups.length - 1] as { sizes: number[]; up: number };
    group.sizes.push(size);
    if (d > 0) group.up++;
    last = size;
  }
  let total = 0;
  let observed = 0;
  const out = groups.map(({ sizes, up }) => {
    const size = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    total += size * sizes.length;
    observed += size * (2 * up - sizes.length);
    return { size, count: sizes.length, up };
  });
  return { changed: nonzero.length, total, observed, groups: out };
}

/** P_θ(T ≥ t_obs) and P_θ(T ≤ t_obs), where each changed case is an increase with probability θ. */
interface Tails {
  atLeast(theta: number): number;
  atMost(theta: number): number;
}

/**
 * The exact paired sign-flip (permutation) test, and bounds that invert it.
 * - Test: under "no difference" each changed case is as likely to have gone up as down, so the
 *   p-value is the share of the 2ᵏ sign patterns whose sum is at least as far out as Σ dᵢ. With
 *   0/1 scores this is McNemar's exact test.
 * - Bounds: the signs are modelled as increases with probability θ (the test is θ = ½), θ's
 *   exact one-sided bound is found, and δ = (2θ − 1) · mean size of a change · share of cases that
 *   change. That share is the observed one on the side toward 0 (conditional, as McNemar is) and
 *   its Clopper–Pearson bound on the side away from 0, so a few bad changes cannot promise that no
 *   more would come. A bound excludes 0 exactly when the test rejects, and it is never a point
 *   unless no case changed. On 0/1 scores it covered at least its nominal level in every
 *   simulated setting (docs/statistics.md), where a t bound falls to 80%.
 */
export function signFlipEvidence(n: number, meanDiff: number, sd: number, changes: Changes): PairedEvidence {
  const k = changes.changed;
  const base = { method: 'sign-flip' as const, n, meanDiff, sd, changed: k };
  if (k === 0) {
    // Every case scored the same on both sides: the interval is the point 0, nothing else is seen.
    return {
      ...base,
      meanDiff: 0,
      lower: () => 0,
      upper: () => 0,
      pAbove: (d0) => (d0 < 0 ? 0 : 1),
      pBelow: (d0) => (d0 > 0 ? 0 : 1),
    };
  }
  const tails = buildTails(changes);
  const meanSize = changes.total / k;
  const sizeOut = (gamma: number) => meanSize * clopperPearsonUpper(k, n, gamma);
  const scale = (theta: number, gamma: number, away: boolean) => {
    const s = 2 * theta - 1;
    return s * (away ? sizeOut(gamma) : changes.total / n);
  };
  // The mean of the sign model is not its median when one change dwarfs the rest: keep the
  // observed difference inside the interval. This never moves a bound across 0 (a bound past 0
  // needs the observed sum in the tail on that side).
  const lower = (gamma: number) => {
    const theta = tails.atLeast(0) >= gamma ? 0 : solveIncreasing(tails.atLeast, gamma);
    return Math.min(meanDiff, scale(theta, gamma, theta < 0.5));
  };
  const upper = (gamma: number) => {
    const theta = tails.atMost(1) >= gamma ? 1 : solveIncreasing((t) => 1 - tails.atMost(t), 1 - gamma);
    return Math.max(meanDiff, scale(theta, gamma, theta > 0.5));
  };
  return {
    ...base,
    lower,
    upper,
    // At 0 the bound crosses exactly where θ = ½: the test's own p. Elsewhere, invert the bound.
    pAbove: (d0) => (d0 === 0 ? tails.atLeast(0.5) : invertIncreasing(lower, d0)),
    pBelow: (d0) => (d0 === 0 ? tails.atMost(0.5) : invertIncreasing((g) => -upper(g), -d0)),
  };
}

/** The γ where an increasing bound(γ) reaches d0: the smallest level at which d0 is ruled out. */
function invertIncreasing(bound: (gamma: number) => number, d0: number): number {
  const MIN = 1e-15;
  if (bound(MIN) > d0) return 0;
  if (bound(1 - MIN) <= d0) return 1;
  let lo = MIN;
  let hi = 1 - MIN;
  for (let i = 0; i < 60 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (bound(mid) > d0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

function buildTails(changes: Changes): Tails {
  const k = changes.changed;
  const [only] = changes.groups;
  if (changes.groups.length === 1 && only !== undefined) {
    // One size of change: the sum only counts the increases, a binomial (any k, no enumeration).
    const up = only.up;
    return {
      atLeast: (theta) => (up === 0 ? 1 : incompleteBeta(up, k - up + 1, theta)),
      atMost: (theta) => (up === k ? 1 : 1 - incompleteBeta(up + 1, k - up, theta)),
    };
  }
  const { atLeast, atMost } = countPatterns(changes);
  const weigh = (counts: Float64Array, theta: number) => {
    let p = 0;
    for (let j = 0; j <= k; j++) if (counts[j] !== 0) p += (counts[j] as number) * theta ** j * (1 - theta) ** (k - j);
    return Math.min(1, p);
  };
  return { atLeast: (theta) => weigh(atLeast, theta), atMost: (theta) => weigh(atMost, theta) };
}

/**
 * Walks every way of choosing how many of each size went up (∏ (countᵍ + 1) of them, each
 * standing for ∏ C(countᵍ, upᵍ) sign patterns) and counts, by the number of increases, the
 * patterns whose sum is ≥ and ≤ the observed one.
 */
function countPatterns(changes: Changes): { atLeast: Float64Array; atMost: Float64Array } {
  const k = changes.changed;
  const atLeast = new Float64Array(k + 1);
  const atMost = new Float64Array(k + 1);
  const tolerance = SAME_DIFF * Math.max(1, k);
  const groups = changes.groups.map((g) => ({ ...g, ways: binomialRow(g.count) }));
  const visit = (index: number, sum: number, ups: number, ways: number) => {
    const group = groups[index];
    if (group === undefined) {
      if (sum >= changes.observed - tolerance) atLeast[ups] = (atLeast[ups] as number) + ways;
      if (sum <= changes.observed + tolerance) atMost[ups] = (atMost[ups] as number) + ways;
      return;
    }
    for (let up = 0; up <= group.count; up++) {
      visit(index + 1, sum + group.size * (2 * up - group.count), ups + up, ways * (group.ways[up] as number));
    }
  };
  visit(0, 0, 0, 1);
  return { atLeast, atMost };
}

function binomialRow(n: number): number[] {
  const row = [1];
  for (let j = 1; j <= n; j++) row.push(((row[j - 1] as number) * (n - j + 1)) / j);
  return row;
}
