import { describe, expect, it } from 'vitest';
import { meanCi95, wilsonCi95 } from '../../src/aggregate/confidence.ts';
import { mean, percentile, sampleSd } from '../../src/aggregate/descriptive.ts';
import { incompleteBeta, logGamma } from '../../src/aggregate/incomplete-beta.ts';
import { tEvidence } from '../../src/aggregate/paired-t-test.ts';
import { intervalOf, twoSidedP } from '../../src/aggregate/paired-evidence.ts';
import { tCdf, tQuantile, tTwoSidedP } from '../../src/aggregate/student-t.ts';

describe('descriptive', () => {
  it('mean and sample sd', () => {
    expect(mean([])).toBeNull();
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    // Σ(x − 5)² = 32, over n − 1 = 7
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([3])).toBeNull();
    expect(sampleSd([3, 3])).toBe(0);
  });

  it.each([
    { values: [1, 2, 3, 4], p: 50, expected: 2.5 },
    { values: [4, 3, 2, 1], p: 95, expected: 3.85 }, // rank 0.95·3 = 2.85 → 3 + 0.85·(4 − 3)
    { values: [1, 2, 3, 4], p: 0, expected: 1 },
    { values: [1, 2, 3, 4], p: 100, expected: 4 },
    { values: [10, 20, 30, 40, 50], p: 25, expected: 20 },
    { values: [7], p: 95, expected: 7 },
  ])('percentile($values, $p) = $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 12);
  });

  it('percentile of nothing is null', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('incomplete beta and gamma', () => {
  it.each([
    { x: 5, expected: Math.log(24) },
    { x: 0.5, expected: 0.5 * Math.log(Math.PI) },
    { x: 1, expected: 0 },
    { x: 10.5, expected: 13.940625219403763 },
  ])('logGamma($x)', ({ x, expected }) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it.each([
    { a: 1, b: 1, x: 0.3, expected: 0.3 }, // uniform
    { a: 3, b: 1, x: 0.5, expected: 0.125 }, // x^a
    { a: 4.5, b: 4.5, x: 0.5, expected: 0.5 }, // symmetric
    // Σ_{j=2..4} C(4,j) 0.4^j 0.6^(4−j) = 0.3456 + 0.1536 + 0.0256
    { a: 2, b: 3, x: 0.4, expected: 0.5248 },
    { a: 2, b: 3, x: 0, expected: 0 },
    { a: 2, b: 3, x: 1, expected: 1 },
  ])('I_$x($a, $b) = $expected', ({ a, b, x, expected }) => {
    expect(incompleteBeta(a, b, x)).toBeCloseTo(expected, 10);
  });
});

describe('Student t', () => {
  it.each([
    { df: 1, expected: 12.706 },
    { df: 2, expected: 4.303 },
    { df: 4, expected: 2.776 },
    { df: 10, expected: 2.228 },
    { df: 30, expected: 2.042 },
    { df: 1e6, expected: 1.96 },
  ])('97.5% quantile for df=$df is $expected (published tables)', ({ df, expected }) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('quantile is symmetric and inverts the CDF', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-tQuantile(0.975, 10), 10);
    expect(tQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(tCdf(tQuantile(0.9, 3), 3)).toBeCloseTo(0.9, 10);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
  });

  it.each([
    { t: 0, df: 5, expected: 0.5 },
    { t: 1, df: 1, expected: 0.75 }, // Cauchy: ½ + atan(1)/π
    { t: -1, df: 1, expected: 0.25 },
    { t: 2, df: 2, expected: 0.5 + 2 / (2 * Math.sqrt(6)) }, // df 2 closed form: ½ + t / (2√(2 + t²))
  ])('tCdf($t, $df)', ({ t, df, expected }) => {
    expect(tCdf(t, df)).toBeCloseTo(expected, 10);
  });

  it('two-sided p at the critical value is 0.05', () => {
    expect(tTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 10);
    expect(tTwoSidedP(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });
});

describe('intervals', () => {
  it('meanCi95 uses t with n − 1 degrees of freedom', () => {
    // mean 3, sd √2.5, se √0.5, t(0.975, 4) = 2.776445 → half-width 1.963243
    const ci = meanCi95([1, 2, 3, 4, 5]);
    expect(ci?.[0]).toBeCloseTo(1.036757, 5);
    expect(ci?.[1]).toBeCloseTo(4.963243, 5);
  });

  it('meanCi95 is null under two values: one value has no spread, not certainty', () => {
    expect(meanCi95([])).toBeNull();
    expect(meanCi95([0.4])).toBeNull();
    expect(meanCi95([0.5, 0.5, 0.5])).toEqual([0.5, 0.5]);
  });

  it('meanCi95 is not clipped to the score range', () => {
    // mean 0.9, sd √0.05, se 0.1, t(0.975, 4) = 2.776445 → 0.9 ± 0.277645
    const ci = meanCi95([1, 1, 1, 1, 0.5]);
    expect(ci?.[0]).toBeCloseTo(0.622355, 5);
    expect(ci?.[1]).toBeCloseTo(1.177645, 5);
  });

  it.each([
    // p = 0.8, z² = 3.8415: centre (0.8 + 0.19207) / 1.38415 = 0.71674, half 1.96·√(0.016 + 0.0096) / 1.38415 = 0.22658
    { successes: 8, n: 10, lo: 0.4902, hi: 0.9433 },
    { successes: 0, n: 10, lo: 0, hi: 0.2775 },
    { successes: 10, n: 10, lo: 0.7225, hi: 1 },
    { successes: 1, n: 2, lo: 0.0945, hi: 0.9055 },
  ])('wilsonCi95($successes, $n)', ({ successes, n, lo, hi }) => {
    const ci = wilsonCi95(successes, n);
    expect(ci?.[0]).toBeCloseTo(lo, 4);
    expect(ci?.[1]).toBeCloseTo(hi, 4);
  });

  it('wilsonCi95 of no trials is null', () => {
    expect(wilsonCi95(0, 0)).toBeNull();
  });
});

describe('tEvidence (the paired t-test)', () => {
  const pairedT = (diffs: number[]) => tEvidence(diffs.length, mean(diffs) ?? NaN, sampleSd(diffs) ?? NaN, diffs.length);

  it('matches a hand computation', () => {
    // diffs 1..5: mean 3, sd √2.5 = 1.5811, se = 0.7071, t = 3 / 0.7071 = 4.2426, df 4 → p ≈ 0.0132
    const test = pairedT([1, 2, 3, 4, 5]);
    expect(test.n).toBe(5);
    expect(test.meanDiff).toBe(3);
    expect(twoSidedP(test)).toBeCloseTo(0.0132, 4);
    const ci = intervalOf(test, 0.05);
    expect(ci[0]).toBeCloseTo(1.036757, 5);
    expect(ci[1]).toBeCloseTo(4.963243, 5);
  });

  it('is symmetric in sign', () => {
    const up = pairedT([0.1, 0.3, -0.05, 0.2]);
    const down = pairedT([-0.1, -0.3, 0.05, -0.2]);
    expect(twoSidedP(down)).toBeCloseTo(twoSidedP(up), 12);
    expect(down.lower(0.025)).toBeCloseTo(-up.upper(0.025), 12);
  });

  it('one-sided bounds and p-values invert each other: p(δ₀) < γ exactly when the bound passes δ₀', () => {
    const test = pairedT([0.1, 0.3, -0.05, 0.2, 0.15, 0.05]);
    for (const gamma of [0.01, 0.025, 0.05, 0.2]) {
      expect(test.pAbove(test.lower(gamma))).toBeCloseTo(gamma, 9);
      expect(test.pBelow(test.upper(gamma))).toBeCloseTo(gamma, 9);
    }
  });
});
