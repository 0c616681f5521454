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

  it('decides 10 changed cases by the exact sign-flip test of b − a (scipy.stats.permutation_test)', () => {
    expect(stats?.n).toBe(12);
    expect(stats?.changed).toBe(10);
    expect(stats?.method).toBe('sign-flip');
    expect(stats?.meanDiff).toBeCloseTo(0.216667, 6);
    expect(stats?.pValue).toBeCloseTo(0.015625, 12);
    expect(stats?.ci95[0]).toBeGreaterThan(0);
    expect(stats?.ci95[1]).toBeGreaterThan(stats?.meanDiff ?? NaN);
  });

  it('lists the flipped cases in case order', () => {
    expect(stats?.flipped).toEqual({ toFail: ['c1'], toPass: ['c2', 'c3', 'c5', 'c6', 'c7', 'c10'] });
  });

  it('runs McNemar’s exact test on the discordant cases: 1 vs 6 → 2 · (1 + 7) / 2⁷', () => {
    expect(stats?.mcnemar).toEqual({ aOnly: 1, bOnly: 6, pValue: 0.125 });
  });

  it('keeps the evidence: the SD of the differences the detectable difference is computed from', () => {
    expect(stats?.evidence.sd).toBeCloseTo(0.228963, 6);
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

  it('tests the same gain on every case exactly, with an interval that is not a point', () => {
    const s = compare(makeCellRows('A', 'mock', [0.5, 0.5, 0.5]), makeCellRows('B', 'mock', [0.6, 0.6, 0.6]));
    expect(s).toMatchObject({ method: 'sign-flip', pValue: expect.closeTo(0.25, 12), changed: 3, mcnemar: { aOnly: 0, bOnly: 0, pValue: 1 } });
    expect(s?.ci95[0]).toBeLessThan(0);
    expect(s?.ci95[1]).toBeCloseTo(0.1, 12);
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
  // 30 cases, 29 changed: the paired t-test (scipy.stats.ttest_rel(better, base): p = 0.035181, CI [0.001954, 0.050579]).
  const base = [0.5, 0.693, 0.603, 0.362, 0.323, 0.543, 0.7, 0.564, 0.334, 0.348, 0.584, 0.697, 0.522, 0.314, 0.379, 0.621, 0.686, 0.478, 0.303, 0.416, 0.653, 0.665, 0.436, 0.3, 0.457, 0.677, 0.637, 0.397, 0.307, 0.5];
  const better = [0.615, 0.706, 0.541, 0.421, 0.426, 0.514, 0.661, 0.66, 0.405, 0.29, 0.584, 0.811, 0.549, 0.25, 0.425, 0.73, 0.668, 0.43, 0.39, 0.498, 0.602, 0.653, 0.547, 0.34, 0.392, 0.71, 0.75, 0.391, 0.252, 0.576];
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
    expect(last?.meanDiff).toBeCloseTo(-0.0262667, 6);
  });

  it('Holm-adjusts over every comparison of the run, both kinds', () => {
    const raw = comparisons.map((c) => c.pValue);
    expect(comparisons[0]).toMatchObject({ method: 'paired-t', changed: 29 });
    expect(raw[0]).toBeCloseTo(0.0351807, 6);
    expect(comparisons[0]?.ci95[0]).toBeCloseTo(0.0019544, 6);
    expect(comparisons[0]?.ci95[1]).toBeCloseTo(0.0505789, 6);
    expect(raw[3]).toBeCloseTo(0.0351807, 6);
    expect(raw[1]).toBe(1);
    // 0.035181 · 4 = 0.140723, then 0.035181 · 3 raised to it
    expect(comparisons.map((c) => c.pAdjusted)).toEqual(holmAdjust(raw));
    expect(comparisons[0]?.pAdjusted).toBeCloseTo(0.1407229, 6);
  });

  it('states the smallest detectable difference at α/m, the level a lone difference must clear (scipy)', () => {
    // sd 0.0651094, n 30: (t(1 − 0.05/8, 29) + t(0.8, 29)) · sd / √30; at α = 0.05 it would be 0.034466
    expect(comparisons[0]).toMatchObject({ mdeAlpha: 0.0125, mde: expect.closeTo(0.0418122, 6) });
    expect(comparisons[1]?.mde).toBeNull(); // nothing changed: no spread to go on
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
    expect(only).toMatchObject({ mdeAlpha: 0.05, mde: expect.closeTo(0.0344663, 6) });
  });

  it('writes every field in a fixed order', () => {
    expect(Object.keys(comparisons[0] ?? {})).toEqual([
      'kind', 'target', 'a', 'b', 'meanDiff', 'ci95', 'pValue', 'n', 'significant', 'method', 'pAdjusted', 'mcnemar', 'flipped', 'mde', 'mdeAlpha', 'changed',
    ]);
    expect(Object.keys(comparisons[3] ?? {})[1]).toBe('variant');
  });

  it('leaves out pairs without two shared scored cases', () => {
    const lonely = [...makeCellRows('A', 'mock', [1, 0.5]), ...makeCellRows('B', 'other', [1, 0.5]), ...makeCellRows('B', 'mock', [0.2])];
    expect(comparisonsOf(lonely, ['A', 'B'], ['mock', 'other'])).toEqual([]);
  });
});
