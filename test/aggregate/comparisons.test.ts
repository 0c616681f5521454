import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import { buildComparisons } from '../../src/aggregate/build-comparisons.ts';
import { buildCaseMeans } from '../../src/aggregate/case-means.ts';
import { compareCases } from '../../src/aggregate/compare-cases.ts';
import { holmAdjust } from '../../src/aggregate/holm.ts';
import type { Comparison } from '../../src/aggregate/summary-types.ts';
import { makeCellRows, makeRow } from './rows.ts';

function compare(a: AggregateRow[], b: AggregateRow[]) {
  return compareCases(buildCaseMeans(a), buildCaseMeans(b));
}

function comparisonsOf(rows: readonly AggregateRow[], variants: string[], targets: string[]): Comparison[] {
  return buildComparisons(variants, targets, (variant, target) => rows.filter((r) => r.variant === variant && r.target === target));
}

describe('compareCases, one sample per case', () => {
  // Pass is score ≥ 0.7. A passes c0 c1 c4 c8 c9; B passes all but c1 and c11.
  const A = [0.9, 0.8, 0.5, 0.3, 0.9, 0.6, 0.2, 0.4, 1, 0.9, 0.5, 0.1];
  const B = [1, 0.6, 0.9, 0.8, 0.9, 0.9, 0.7, 0.8, 1, 1, 0.9, 0.2];
  const stats = compare(makeCellRows('A', 'mock', A), makeCellRows('B', 'mock', B));

  it('gives the paired t-test of b − a (scipy.stats.ttest_rel(B, A))', () => {
    expect(stats?.n).toBe(12);
    expect(stats?.method).toBe('paired-t');
    expect(stats?.meanDiff).toBeCloseTo(0.216667, 6);
    expect(stats?.pValue).toBeCloseTo(0.0073591, 6);
    expect(stats?.ci95[0]).toBeCloseTo(0.0711903, 6);
    expect(stats?.ci95[1]).toBeCloseTo(0.3621431, 6);
  });

  it('lists the flipped cases in case order', () => {
    expect(stats?.flipped).toEqual({ toFail: ['c1'], toPass: ['c2', 'c3', 'c5', 'c6', 'c7', 'c10'] });
  });

  it('runs McNemar’s exact test on the discordant cases: 1 vs 6 → 2 · (1 + 7) / 2⁷', () => {
    expect(stats?.mcnemar).toEqual({ aOnly: 1, bOnly: 6, pValue: 0.125 });
  });

  it('gives the smallest detectable difference from the SD of the differences', () => {
    // sd 0.228963, n 12: (t(0.975, 11) 2.200985 + t(0.80, 11) 0.875742) · sd / √12
    expect(stats?.mde).toBeCloseTo(0.2033455, 6);
  });

  it('pairs only the cases scored on both sides', () => {
    const a = makeCellRows('A', 'mock', [0.9, null, 0.5, 0.3]);
    const b = [...makeCellRows('B', 'mock', [1, 0.6, null, 0.8]), makeRow({ caseId: 'extra', variant: 'B', score: 1 })];
    const s = compare(a, b);
    expect(s?.n).toBe(2); // c0 and c3
    expect(s?.meanDiff).toBeCloseTo(0.3, 12);
    expect(s?.flipped).toEqual({ toFail: [], toPass: ['c3'] });
    expect(compare(makeCellRows('A', 'mock', [0.9, null]), makeCellRows('B', 'mock', [1, 1]))).toBeNull();
  });

  it('falls back to the sign test without spread, and then states no detectable difference', () => {
    const s = compare(makeCellRows('A', 'mock', [0.5, 0.5, 0.5]), makeCellRows('B', 'mock', [0.6, 0.6, 0.6]));
    expect(s).toMatchObject({ method: 'sign', pValue: 0.25, mde: null, mcnemar: { aOnly: 0, bOnly: 0, pValue: 1 } });
  });
});

describe('compareCases with repeats', () => {
  // c0: A passes 2 of 3, B 0 of 3 → to fail · c1: A 0 of 2, B 2 of 2 → to pass · c2: A 1 of 2 (no majority), B 0 of 2
  const samples = (variant: string, caseId: string, scores: number[]) =>
    scores.map((score, repeat) => makeRow({ caseId, variant, repeat, score }));
  const a = [...samples('A', 'c0', [1, 0.8, 0.2]), ...samples('A', 'c1', [0.1, 0.3]), ...samples('A', 'c2', [1, 0])];
  const b = [...samples('B', 'c0', [0.2, 0.4, 0.6]), ...samples('B', 'c1', [0.9, 0.7]), ...samples('B', 'c2', [0.5, 0.1])];
  const stats = compare(a, b);

  it('averages repeats before differencing: one difference per case', () => {
    // case means A 0.666667, 0.2, 0.5 · B 0.4, 0.8, 0.3 → diffs −0.266667, 0.6, −0.2
    expect(stats?.n).toBe(3);
    expect(stats?.meanDiff).toBeCloseTo((-4 / 15 + 0.6 - 0.2) / 3, 12);
  });

  it('flips by the majority verdict and skips a case with no majority', () => {
    expect(stats?.flipped).toEqual({ toFail: ['c0'], toPass: ['c1'] });
  });

  it('has no McNemar test: pass/fail of a repeated case is not binary', () => {
    expect(stats?.mcnemar).toBeNull();
  });
});

describe('buildComparisons', () => {
  const base = [0.5, 0.6, 0.5, 0.4, 0.5, 0.6];
  const gain = [0.1, 0.2, 0.05, 0.15, 0.1, 0.0]; // one-sample t: p = 0.017963
  const better = base.map((s, i) => s + (gain[i] as number));
  const rows = [
    ...makeCellRows('A', 'mock', base),
    ...makeCellRows('B', 'mock', better),
    ...makeCellRows('A', 'openai:x', base),
    ...makeCellRows('B', 'openai:x', base),
  ];
  const comparisons = comparisonsOf(rows, ['A', 'B'], ['mock', 'openai:x']);

  it('pairs variants on each target, then targets for each variant', () => {
    expect(comparisons.map((c) => (c.kind === 'variants' ? `${c.a}-${c.b} on ${c.target}` : `${c.a}-${c.b} with ${c.variant}`))).toEqual([
      'A-B on mock',
      'A-B on openai:x',
      'mock-openai:x with A',
      'mock-openai:x with B',
    ]);
    const [first, , , last] = comparisons;
    expect(first).toMatchObject({ kind: 'variants', target: 'mock', a: 'A', b: 'B' });
    expect(first).not.toHaveProperty('variant');
    expect(last).toMatchObject({ kind: 'targets', variant: 'B', a: 'mock', b: 'openai:x' });
    expect(last).not.toHaveProperty('target');
    expect(last?.meanDiff).toBeCloseTo(-0.1, 12);
  });

  it('Holm-adjusts over every comparison of the run, both kinds', () => {
    const raw = comparisons.map((c) => c.pValue);
    expect(raw[0]).toBeCloseTo(0.017963, 6);
    expect(raw[3]).toBeCloseTo(0.017963, 6);
    expect(raw[1]).toBe(1);
    // 0.017963 · 4 = 0.071852, then 0.017963 · 3 = 0.053889 raised to 0.071852
    expect(comparisons.map((c) => c.pAdjusted)).toEqual(holmAdjust(raw));
    expect(comparisons[0]?.pAdjusted).toBeCloseTo(0.071852, 5);
  });

  it('calls nothing significant whose adjusted p is 0.05 or more, though its CI excludes 0', () => {
    const [mock] = comparisons;
    expect(mock?.ci95[0]).toBeGreaterThan(0);
    expect(mock?.pValue).toBeLessThan(0.05);
    expect(mock?.significant).toBe(false);
    expect(comparisons.every((c) => !c.significant)).toBe(true);
  });

  it('with a single comparison the adjusted p is the p, and a CI excluding 0 is significant', () => {
    const [only, ...rest] = comparisonsOf(rows, ['A', 'B'], ['mock']);
    expect(rest).toEqual([]);
    expect(only?.pAdjusted).toBe(only?.pValue);
    expect(only?.significant).toBe(true);
  });

  it('writes every field in a fixed order', () => {
    expect(Object.keys(comparisons[0] ?? {})).toEqual([
      'kind', 'target', 'a', 'b', 'meanDiff', 'ci95', 'pValue', 'n', 'significant', 'method', 'pAdjusted', 'mcnemar', 'flipped', 'mde',
    ]);
    expect(Object.keys(comparisons[3] ?? {})[1]).toBe('variant');
  });

  it('leaves out pairs without two shared scored cases', () => {
    const lonely = [...makeCellRows('A', 'mock', [1, 0.5]), ...makeCellRows('B', 'other', [1, 0.5]), ...makeCellRows('B', 'mock', [0.2])];
    expect(comparisonsOf(lonely, ['A', 'B'], ['mock', 'other'])).toEqual([]);
  });
});
