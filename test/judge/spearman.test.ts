import { describe, expect, it } from 'vitest';
import { spearman } from '../../src/calibrate/spearman.ts';

describe('spearman', () => {
  it('is 1 − 6Σd²/(n(n²−1)) without ties, average ranks with ties, null without spread', () => {
    // Ranks 1..5 vs 2,1,4,3,5: Σd² = 4, ρ = 1 − 24/120 = 0.8.
    expect(spearman([10, 20, 30, 40, 50], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // x ranks 1.5, 1.5, 3, 4; y ranks 1..4: Pearson of the ranks = 4.5 / √(4.5 · 5).
    expect(spearman([0, 0, 1, 2], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2], [1, 2])).toBeNull();
  });
});
