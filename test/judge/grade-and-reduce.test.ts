import { describe, expect, it } from 'vitest';
import { gradeVerdict, reduceSamples, type SampleVerdict } from '../../src/judge/index.ts';
import { RUBRIC } from '../support/judge-fixtures.ts';

const dims = RUBRIC.dimensions.question; // asks_missing, answerable, not_redundant; weight 1 each
const grades = (a: number, b: number, c: number) => ({ asks_missing: { level: a, reason: `a${a}` }, answerable: { level: b, reason: `b${b}` }, not_redundant: { level: c, reason: `c${c}` } });
const levels = (a: number, b: number, c: number): SampleVerdict => ({ ok: true, dimensions: grades(a, b, c) });
const failed: SampleVerdict = { ok: false, error: 'the judge\'s reply has no JSON object with "dimensions"' };

describe('gradeVerdict', () => {
  it('is the weighted mean of level/2, passing at passScore', () => {
    expect(gradeVerdict(dims, grades(2, 2, 1), 0.75)).toEqual({ score: 5 / 6, pass: true, zeroes: [] });
    expect(gradeVerdict(dims, grades(2, 1, 1), 0.75)).toEqual({ score: 4 / 6, pass: false, zeroes: [] });
  });

  it('makes a reply with any dimension at 0 a 0, whatever the others say', () => {
    expect(gradeVerdict(dims, grades(0, 2, 2), 0.75)).toEqual({ score: 0, pass: false, zeroes: ['asks_missing'] });
  });

  it('weighs dimensions by their weight', () => {
    const weighted = dims.map((d, i) => ({ ...d, weight: i === 0 ? 2 : 1 }));
    // (2 × 1/2 + 1 + 1) / 4
    expect(gradeVerdict(weighted, grades(1, 2, 2), 0.75).score).toBeCloseTo(0.75, 12);
  });
});

describe('reduceSamples', () => {
  it('one sample: its own verdict, no agreement to speak of', () => {
    expect(reduceSamples([levels(2, 2, 1)], dims, 0.75, 'majority')).toMatchObject({ verdict: 'pass', samples: 1, failedSamples: 0, agreement: null });
  });

  it('majority: each dimension\'s most common level, a tie going to the lower one', () => {
    const r = reduceSamples([levels(2, 1, 2), levels(2, 2, 1), levels(1, 1, 2), levels(1, 2, 1)], dims, 0.75, 'majority');
    // asks_missing 2,2,1,1 → 1; answerable 1,2,1,2 → 1; not_redundant 2,1,2,1 → 1: score 3/6.
    expect(r.dimensions).toEqual({ asks_missing: { level: 1, reason: 'a1' }, answerable: { level: 1, reason: 'b1' }, not_redundant: { level: 1, reason: 'c1' } });
    expect(r).toMatchObject({ verdict: 'fail', score: 0.5 });
    // Each sample alone scores 5/6, 5/6, 4/6, 4/6 → pass, pass, fail, fail: half agree with the fail.
    expect(r.agreement).toBe(0.5);
  });

  it('mean: the mean of the samples\' scores, dimensions at their mean level', () => {
    const r = reduceSamples([levels(2, 2, 2), levels(2, 2, 1), levels(0, 2, 2)], dims, 0.75, 'mean');
    // Scores 1, 5/6, 0 → mean 11/18 < 0.75.
    expect(r.score).toBeCloseTo(11 / 18, 12);
    expect(r.verdict).toBe('fail');
    expect(r.dimensions['asks_missing']?.level).toBeCloseTo(4 / 3, 12);
    expect(r.agreement).toBeCloseTo(1 / 3, 12);
  });

  it('counts failed samples, and is an error when fewer than half were usable', () => {
    expect(reduceSamples([levels(2, 2, 2), failed, levels(2, 2, 2)], dims, 0.75, 'majority')).toMatchObject({ verdict: 'pass', samples: 3, failedSamples: 1, agreement: 1 });
    const r = reduceSamples([levels(2, 2, 2), failed, failed], dims, 0.75, 'majority');
    expect(r).toMatchObject({ verdict: 'error', score: null, dimensions: {}, samples: 3, failedSamples: 2 });
    expect(r.error).toBe('2 of 3 judge samples unusable: the judge\'s reply has no JSON object with "dimensions"');
    expect(reduceSamples([failed], dims, 0.75, 'majority')).toMatchObject({ verdict: 'error', error: failed.ok ? '' : failed.error });
  });
});
