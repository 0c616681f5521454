import { describe, expect, it } from 'vitest';
import { clopperPearsonLower, clopperPearsonUpper } from '../../src/aggregate/clopper-pearson.ts';
import { passRateCi95, wilsonCi95 } from '../../src/aggregate/confidence.ts';
import { marginPower } from '../../src/aggregate/margin-power.ts';
import { binomialTwoSidedHalf } from '../../src/aggregate/mcnemar.ts';
import { intervalOf, twoSidedP, weighPairedDiffs, type PairedEvidence } from '../../src/aggregate/paired-evidence.ts';
import { createRandom } from '../support/gate-simulation.ts';

const zeros = (n: number) => Array<number>(n).fill(0);

function weigh(diffs: number[]): PairedEvidence {
  const e = weighPairedDiffs(diffs);
  if (e === null) throw new Error('expected evidence');
  return e;
}

describe('which test decides', () => {
  it('the exact sign-flip test under 20 changed cases, or when every change has one size; the t-test otherwise', () => {
    expect(weigh([...zeros(56), 0.3, 0.5, 1, 0.2]).method).toBe('sign-flip');
    expect(weigh(Array.from({ length: 19 }, (_, i) => 0.01 * (i + 1))).method).toBe('sign-flip');
    expect(weigh(Array.from({ length: 20 }, (_, i) => 0.01 * (i + 1))).method).toBe('paired-t');
    // 0/1 scores: every change is ±1, exact at any size.
    expect(weigh(Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? -1 : i % 3 === 1 ? 1 : 0))).method).toBe('sign-flip');
  });

  it('needs two differences', () => {
    expect(weighPairedDiffs([])).toBeNull();
    expect(weighPairedDiffs([0.5])).toBeNull();
  });

  it('reads float noise from subtracting scores as no change', () => {
    const e = weigh([0.9 - 0.6, 1.0 - 0.7, 0.8 - 0.5]);
    expect(e.changed).toBe(3);
    expect(twoSidedP(e)).toBeCloseTo(0.25, 12);
    expect(weigh([1e-17, -1e-17]).changed).toBe(0);
  });
});

describe('the exact sign-flip test', () => {
  it('4 changes out of 60, all up: p = 2/16, where a t-test says 0.04 (McNemar agrees)', () => {
    const e = weigh([...zeros(56), 1, 1, 1, 1]);
    expect(twoSidedP(e)).toBeCloseTo(0.125, 12);
    expect(twoSidedP(e)).toBeCloseTo(binomialTwoSidedHalf(0, 4), 12);
  });

  it.each([
    { diffs: [0, 0, 0], p: 1 },
    { diffs: [1, 1], p: 0.5 },
    { diffs: [0.1, 0.1, 0.1], p: 0.25 },
    { diffs: Array<number>(5).fill(-0.2), p: 0.0625 },
    { diffs: Array<number>(6).fill(0.3), p: 0.03125 },
    { diffs: Array<number>(40).fill(-0.5), p: 2 * 0.5 ** 40 },
  ])('every change the same: p = 2 · 0.5ⁿ ($p)', ({ diffs, p }) => {
    expect(twoSidedP(weigh(diffs))).toBeCloseTo(p, 15);
  });

  it('is McNemar’s exact test on 0/1 scores: 1 down and 8 up → 0.0390625', () => {
    expect(twoSidedP(weigh([...zeros(51), -1, ...Array<number>(8).fill(1)]))).toBeCloseTo(0.0390625, 12);
  });

  it('matches scipy.stats.permutation_test (paired samples, statistic Σd) on changes of several sizes', () => {
    // permutation_type='samples', n_resamples=inf
    const e = weigh([0.3, 0.5, -0.2, 0.7, 0.1, 0.4, 0, 0]);
    expect(twoSidedP(e)).toBeCloseTo(0.09375, 12);
    expect(e.pAbove(0)).toBeCloseTo(0.046875, 12);
    const f = weigh([0.25, 0.5, 0.25, -0.5, 0.75, 0.25, 0.5, 1, -0.25, 0.5, 0.5, 0.25]);
    expect(twoSidedP(f)).toBeCloseTo(0.02783203125, 12);
    expect(f.pAbove(0)).toBeCloseTo(0.013916015625, 12);
    expect(f.pBelow(0)).toBeCloseTo(0.994873046875, 12);
  });
});

describe('the sign-flip interval', () => {
  it('is a point only when no case changed', () => {
    expect(intervalOf(weigh(zeros(10)), 0.05)).toEqual([0, 0]);
    for (const diffs of [[1, 1], Array<number>(6).fill(0.5), [...zeros(58), -0.2, -0.2], [...zeros(59), 0.1, 0.1]]) {
      const [lo, hi] = intervalOf(weigh(diffs), 0.05);
      expect(hi - lo).toBeGreaterThan(0.01);
    }
  });

  it('6 equal gains: significant, and the interval excludes 0 without being the point', () => {
    const e = weigh(Array<number>(6).fill(0.5));
    const [lo, hi] = intervalOf(e, 0.05);
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThan(0.1);
    expect(hi).toBe(0.5);
  });

  it('allows for more cases changing than the sample showed: 3 of 60 fell by 1 → the drop may reach 0.139', () => {
    // The share of cases that change is bounded by Clopper–Pearson: 3/60 → up to 0.1392 (one-sided 97.5%).
    const [lo, hi] = intervalOf(weigh([...zeros(57), -1, -1, -1]), 0.05);
    expect(lo).toBeCloseTo(-clopperPearsonUpper(3, 60, 0.025), 9);
    expect(hi).toBeGreaterThan(0);
  });

  it('excludes 0 exactly when the test rejects, and its bounds invert the one-sided p-values', () => {
    const random = createRandom(42);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(random() * 40);
      const changed = Math.floor(random() * Math.min(n, 12));
      const sizes = [0.25, 0.5, 1, random()];
      const diffs = Array.from({ length: n }, (_, i) => (i < changed ? (random() < 0.7 ? 1 : -1) * (sizes[Math.floor(random() * 4)] as number) : 0));
      const e = weigh(diffs);
      const [lo, hi] = intervalOf(e, 0.05);
      expect(lo).toBeLessThanOrEqual(e.meanDiff + 1e-12);
      expect(hi).toBeGreaterThanOrEqual(e.meanDiff - 1e-12);
      expect(lo > 0 || hi < 0).toBe(twoSidedP(e) < 0.05);
      if (e.changed === 0) continue;
      for (const gamma of [0.01, 0.05, 0.3]) {
        expect(e.pAbove(e.lower(gamma))).toBeCloseTo(gamma, 6);
        expect(e.pBelow(e.upper(gamma))).toBeCloseTo(gamma, 6);
      }
    }
  });
});

describe('Clopper–Pearson bounds (scipy binomtest(...).proportion_ci(0.9, "exact"))', () => {
  it.each([
    { k: 3, n: 60, lo: 0.013765157568287523, hi: 0.12418721047775112 },
    { k: 0, n: 60, lo: 0, hi: 0.04870291330998526 },
    { k: 60, n: 60, lo: 0.9512970866900151, hi: 1 },
    { k: 9, n: 60, lo: 0.0805454880773039, hi: 0.24715946746621775 },
    { k: 17, n: 40, lo: 0.29184657878648973, hi: 0.5668609107163234 },
  ])('$k of $n', ({ k, n, lo, hi }) => {
    expect(clopperPearsonLower(k, n, 0.05)).toBeCloseTo(lo, 10);
    expect(clopperPearsonUpper(k, n, 0.05)).toBeCloseTo(hi, 10);
  });
});

describe('marginPower (scipy t quantiles)', () => {
  it('max-drop: D + (t.95 + t.80) · SE; non-inferiority: D − (t.95 − t.80) · SE and the pass chance of no change', () => {
    // sd 0.3, n 60, D 0.1, γ 0.05
    expect(marginPower('max-drop', 0.3, 60, 0.1, 0.05)).toEqual({ detectableDrop: expect.closeTo(0.1975546, 6), passChance: null });
    expect(marginPower('non-inferiority', 0.3, 60, 0.1, 0.05)).toEqual({ detectableDrop: expect.closeTo(0.0681123, 6), passChance: expect.closeTo(0.8169716, 6) });
  });

  it('says nothing without spread or with one case', () => {
    expect(marginPower('max-drop', 0, 60, 0.1, 0.05)).toEqual({ detectableDrop: null, passChance: null });
    expect(marginPower('max-drop', 0.3, 1, 0.1, 0.05)).toEqual({ detectableDrop: null, passChance: null });
  });
});

describe('passRateCi95', () => {
  it('is the Wilson interval over cases when every case ran once', () => {
    const shares = [1, 1, 0, 1, 0, 1, 1, 1, 0, 1];
    expect(passRateCi95(shares, 10)).toEqual(wilsonCi95(7, 10));
  });

  it('with repeats uses the effective number of cases the shares are worth: narrower, never below n', () => {
    // 0.75 on every case: no spread between cases, worth every one of the 40 calls.
    expect(passRateCi95(Array<number>(10).fill(0.75), 40)).toEqual(wilsonCi95(30, 40));
    // Mixed shares: between the 10 cases and the 40 calls.
    const shares = [1, 0.75, 0.5, 1, 0.25, 1, 0.75, 1, 0.5, 0.75];
    const [lo, hi] = passRateCi95(shares, 40) ?? [NaN, NaN];
    const [wlo, whi] = wilsonCi95(7.5, 10) ?? [NaN, NaN];
    expect(hi - lo).toBeLessThan(whi - wlo);
    expect(hi - lo).toBeGreaterThan((wilsonCi95(30, 40)?.[1] ?? NaN) - (wilsonCi95(30, 40)?.[0] ?? NaN));
  });

  it('every case passing every repeat: the cases are what is uncertain, so n is the cases', () => {
    expect(passRateCi95(Array<number>(10).fill(1), 40)).toEqual(wilsonCi95(10, 10));
    expect(passRateCi95([], 0)).toBeNull();
  });
});
