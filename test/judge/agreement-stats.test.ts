import { describe, expect, it } from 'vitest';
import { accuracyOf, cohensKappa, countVerdicts, spearman } from '../../src/calibrate/agreement-stats.ts';

describe('agreement statistics', () => {
  it('κ of a published example: 20 yes/yes, 5/10 split, 15 no/no (Wikipedia, Cohen\'s kappa) is 0.4', () => {
    const c = { passPass: 20, passFail: 5, failPass: 10, failFail: 15 };
    expect(accuracyOf(c)).toBeCloseTo(0.7, 12);
    expect(cohensKappa(c)).toBeCloseTo(0.4, 12);
  });

  it('κ is undefined when both raters gave one verdict to everything, 0 at chance, and 1 on full agreement', () => {
    expect(cohensKappa({ passPass: 5, passFail: 0, failPass: 0, failFail: 0 })).toBeNull();
    expect(cohensKappa({ passPass: 1, passFail: 1, failPass: 1, failFail: 1 })).toBeCloseTo(0, 12);
    expect(cohensKappa({ passPass: 3, passFail: 0, failPass: 0, failFail: 2 })).toBeCloseTo(1, 12);
    expect(accuracyOf(countVerdicts([]))).toBeNull();
  });

  it('counts verdict pairs into the 2 × 2 table', () => {
    expect(countVerdicts([{ first: true, second: true }, { first: true, second: false }, { first: false, second: false }])).toEqual({ passPass: 1, passFail: 1, failPass: 0, failFail: 1 });
  });

  it('Spearman ρ: 1 − 6Σd²/(n(n²−1)) without ties; average ranks with ties; null without spread', () => {
    // Ranks 1..5 vs 2,1,4,3,5: Σd² = 4, ρ = 1 − 24/120 = 0.8.
    expect(spearman([10, 20, 30, 40, 50], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // x ranks 1.5, 1.5, 3, 4; y ranks 1..4: Pearson of the ranks = 4.5 / √(4.5 · 5).
    expect(spearman([0, 0, 1, 2], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2], [1, 2])).toBeNull();
  });
});
