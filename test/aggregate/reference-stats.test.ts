import { describe, expect, it } from 'vitest';
import { wilsonCi95 } from '../../src/aggregate/confidence.ts';
import { holmAdjust } from '../../src/aggregate/holm.ts';
import { binomialTwoSidedHalf, mcnemarExact } from '../../src/aggregate/mcnemar.ts';
import { minDetectableEffect } from '../../src/aggregate/min-detectable-effect.ts';
import { mean, sampleSd } from '../../src/aggregate/descriptive.ts';
import { intervalOf, twoSidedP } from '../../src/aggregate/paired-evidence.ts';
import { tEvidence } from '../../src/aggregate/paired-t-test.ts';
import { tQuantile, tTwoSidedP } from '../../src/aggregate/student-t.ts';

// Student's sleep data (Cushny & Peebles 1905, R's `sleep`): extra hours of sleep per patient
// under drug 1 and drug 2. R: t.test(extra ~ group, data = sleep, paired = TRUE) gives
// t = -4.0621, df = 9, p-value = 0.002833, mean difference -1.58, 95% CI [-2.4599, -0.7001].
const DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('paired t-test against R on the sleep data', () => {
  const diffs = DRUG_1.map((x, i) => x - (DRUG_2[i] as number));
  const pairedT = (d: number[]) => tEvidence(d.length, mean(d) ?? NaN, sampleSd(d) ?? NaN, d.length);
  const test = pairedT(diffs);

  it('gives R’s mean difference, interval and p-value', () => {
    expect(test.n).toBe(10);
    expect(test.method).toBe('paired-t');
    expect(test.meanDiff).toBeCloseTo(-1.58, 12);
    expect(test.sd).toBeCloseTo(1.2299955, 6);
    const ci = intervalOf(test, 0.05);
    expect(ci[0]).toBeCloseTo(-2.4599, 4);
    expect(ci[1]).toBeCloseTo(-0.7001, 4);
    expect(twoSidedP(test)).toBeCloseTo(0.002833, 6);
  });

  it('has R’s t statistic: mean / (sd / √n) = -4.0621 with 9 df', () => {
    const t = test.meanDiff / (test.sd / Math.sqrt(10));
    expect(t).toBeCloseTo(-4.0621, 4);
    expect(tTwoSidedP(t, 9)).toBeCloseTo(twoSidedP(test), 12);
  });

  it('gives R’s one-sided p: t.test(..., alternative = "less") p = 0.001416', () => {
    expect(test.pBelow(0)).toBeCloseTo(0.0014164, 6);
    expect(test.pAbove(0)).toBeCloseTo(1 - 0.0014164, 6);
  });

  it('swapping the groups flips the sign and nothing else', () => {
    const swapped = pairedT(diffs.map((d) => -d));
    expect(swapped.meanDiff).toBeCloseTo(1.58, 12);
    expect(swapped.lower(0.025)).toBeCloseTo(0.7001, 4);
    expect(twoSidedP(swapped)).toBeCloseTo(twoSidedP(test), 12);
  });
});

describe('McNemar exact', () => {
  it.each([
    // 1 vs 8 discordant: 2 · (C(9,0) + C(9,1)) / 2⁹ = 2 · 10 / 512
    { aOnly: 1, bOnly: 8, pValue: 0.0390625 },
    { aOnly: 8, bOnly: 1, pValue: 0.0390625 },
    // 0 vs 5: 2 / 32
    { aOnly: 0, bOnly: 5, pValue: 0.0625 },
    // 3 vs 17: 2 · (1 + 20 + 190 + 1140) / 2²⁰ = 2702 / 1048576
    { aOnly: 3, bOnly: 17, pValue: 2702 / 1048576 },
    // as many each way: no evidence, capped at 1
    { aOnly: 4, bOnly: 4, pValue: 1 },
    { aOnly: 0, bOnly: 0, pValue: 1 },
    // 2 vs 3: 2 · (1 + 5 + 10) / 32 = 1
    { aOnly: 2, bOnly: 3, pValue: 1 },
  ])('$aOnly vs $bOnly → p = $pValue', ({ aOnly, bOnly, pValue }) => {
    expect(mcnemarExact(aOnly, bOnly)).toEqual({ aOnly, bOnly, pValue: expect.closeTo(pValue, 14) });
  });

  it('stays finite where 2ⁿ would overflow a double', () => {
    // Symmetric around n/2: the two tails meet, so p is 1.
    expect(binomialTwoSidedHalf(1000, 2000)).toBe(1);
    // scipy.stats.binomtest(900, 2000).pvalue = 8.45708953550381e-06 (the log path, past n = 1000)
    expect(binomialTwoSidedHalf(900, 2000) / 8.45708953550381e-6).toBeCloseTo(1, 8);
    // either side of the switch from the linear to the log path: binomtest(450, 1000), (450, 1001)
    expect(binomialTwoSidedHalf(450, 1000) / 0.0017305360849763027).toBeCloseTo(1, 8);
    expect(binomialTwoSidedHalf(450, 1001) / 0.0015611388396992068).toBeCloseTo(1, 8);
  });
});

describe('Holm adjustment', () => {
  it('matches a hand computation, in the input’s order', () => {
    // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06 (monotone)
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    const expected = [0.03, 0.06, 0.06, 0.02];
    adjusted.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 14));
  });

  it.each([
    { p: [], adjusted: [] },
    { p: [0.2], adjusted: [0.2] },
    { p: [0.3, 0.6], adjusted: [0.6, 0.6] }, // 0.3·2, then max(0.6, 0.6·1)
    { p: [0.5, 0.01, 0.9], adjusted: [1, 0.03, 1] }, // capped at 1
    { p: [0.02, 0.02], adjusted: [0.04, 0.04] }, // ties
  ])('$p → $adjusted', ({ p, adjusted }) => {
    const out = holmAdjust(p);
    expect(out).toHaveLength(adjusted.length);
    out.forEach((x, i) => expect(x).toBeCloseTo(adjusted[i] as number, 14));
  });
});

describe('Wilson interval', () => {
  it('matches Newcombe (1998), 81 of 263: 0.2553 to 0.3662', () => {
    const ci = wilsonCi95(81, 263);
    expect(ci?.[0]).toBeCloseTo(0.2553, 4);
    expect(ci?.[1]).toBeCloseTo(0.3662, 4);
  });

  it('matches the closed form by hand, 15 of 20', () => {
    // p 0.75, z² 3.841459: centre (0.75 + 0.096036) / 1.192073 = 0.709717,
    // half 1.959964 · √(0.009375 + 0.002401) / 1.192073 = 0.178404
    const ci = wilsonCi95(15, 20);
    expect(ci?.[0]).toBeCloseTo(0.531299, 5);
    expect(ci?.[1]).toBeCloseTo(0.888138, 5);
  });
});

describe('minimum detectable effect', () => {
  it('is (t.975 + t.80) · sd / √n with n − 1 df', () => {
    // n 25: t(0.975, 24) = 2.063899, t(0.80, 24) = 0.856855 → 2.920754 · 0.1 / 5
    expect(tQuantile(0.8, 24)).toBeCloseTo(0.856855, 6);
    expect(minDetectableEffect(0.1, 25)).toBeCloseTo(0.058415, 6);
    // n 84, sd 0.2: (1.988960 + 0.845973) · 0.2 / √84
    expect(minDetectableEffect(0.2, 84)).toBeCloseTo(0.061863, 6);
  });

  it('approaches the z formula (1.959964 + 0.841621) · sd / √n for a large corpus', () => {
    expect(minDetectableEffect(1, 100_000)).toBeCloseTo((2.801585 * 1) / Math.sqrt(100_000), 5);
  });

  it('shrinks with √n and grows with the spread; none under 2 cases', () => {
    const small = minDetectableEffect(0.1, 10) ?? NaN;
    expect(small).toBeCloseTo(0.099471, 6);
    expect(minDetectableEffect(0.2, 10)).toBeCloseTo(2 * small, 12);
    expect(minDetectableEffect(0.1, 1)).toBeNull();
    // No spread: nothing to estimate the noise from (not "any difference is detectable").
    expect(minDetectableEffect(0, 10)).toBeNull();
  });

  it('is stated at the level the decision uses: α/m with Holm over m comparisons (scipy)', () => {
    // (t.ppf(1 − 0.05/42, 24) + t.ppf(0.8, 24)) · 0.1 / 5
    expect(minDetectableEffect(0.1, 25, 0.05 / 21)).toBeCloseTo(0.0850569, 6);
    expect((minDetectableEffect(0.1, 25, 0.05 / 21) ?? NaN) / (minDetectableEffect(0.1, 25) ?? NaN)).toBeCloseTo(1.456, 3);
  });
});
