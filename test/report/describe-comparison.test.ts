import { describe, expect, it } from 'vitest';
import { describeComparison, describeDifference, describeFlips, type DescribeOptions } from '../../src/report/describe-comparison.ts';
import { formatCode } from '../../src/report/escape-markdown.ts';
import { judgeDifference } from '../../src/report/judge-difference.ts';
import { makeComparison, makeTargetComparison } from './fixtures.ts';

type Overrides = Parameters<typeof makeComparison>[0];

const say = (overrides: Overrides, options: Partial<DescribeOptions> = {}) =>
  describeComparison(makeComparison({ a: 'A', b: 'B', target: 't', mde: null, ...overrides }), { name: formatCode, family: 1, ...options });

describe('describeComparison', () => {
  it.each<[string, Overrides, string]>([
    [
      'significant, B ahead',
      { meanDiff: 0.07, ci95: [0.04, 0.1], pValue: 0.002, n: 84, significant: true },
      '`B` beats `A` on `t` by 0.07 (95% CI [0.04, 0.10]; p = 0.002; 84 cases).',
    ],
    [
      'significant, A ahead: the winner is the subject, with the interval of its lead',
      { meanDiff: -0.12, ci95: [-0.2, -0.04], pValue: 0.0001, n: 84, significant: true },
      '`A` beats `B` on `t` by 0.12 (95% CI [0.04, 0.20]; p < 0.001; 84 cases).',
    ],
    [
      'not significant, with what it could have detected',
      { meanDiff: 0.01, ci95: [-0.03, 0.05], pValue: 0.61, n: 84, significant: false, mde: 0.0876 },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.01 (95% CI [-0.03, 0.05]; p = 0.61; 84 cases; smallest detectable difference 0.09 at 80% power, α = 0.05).',
    ],
    [
      'flagged significant but the CI spans 0: never a win',
      { meanDiff: 0.05, ci95: [-0.01, 0.11], pValue: 0.07, n: 20, significant: true },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.05 (95% CI [-0.01, 0.11]; p = 0.070; 20 cases; no spread in the differences to estimate a detectable difference from).',
    ],
    [
      'a difference that rounds to nothing shows no minus sign',
      { meanDiff: -0.0003, ci95: [-0.05, 0.0494], pValue: 0.99, n: 30, significant: false, mde: 0.08 },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = -0.0003 (95% CI [-0.0500, 0.0494]; p = 0.99; 30 cases; smallest detectable difference 0.08 at 80% power, α = 0.05).',
    ],
    [
      'tiny numbers get the digits that keep them apart and off 0',
      { meanDiff: 0.004, ci95: [0.001, 0.007], pValue: 0.03, n: 84, significant: true },
      '`B` beats `A` on `t` by 0.004 (95% CI [0.001, 0.007]; p = 0.030; 84 cases).',
    ],
    [
      'every paired case the same',
      { meanDiff: 0, ci95: [0, 0], pValue: 1, n: 12, significant: false, changed: 0, method: 'sign-flip' },
      '`A` and `B` on `t` scored the same on all 12 shared cases: nothing changed to test.',
    ],
    [
      'the exact test says how many cases changed',
      { meanDiff: 0.067, ci95: [-0.03, 0.16], pValue: 0.125, n: 60, significant: false, changed: 4, method: 'sign-flip', mde: 0.2 },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.07 (95% CI [-0.03, 0.16]; p = 0.13; 60 cases, 4 changed: exact sign-flip test; smallest detectable difference 0.20 at 80% power, α = 0.05).',
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(say(overrides)).toBe(expected);
  });

  it('shows the Holm-adjusted p, the family, and the detectable difference at the level Holm holds a lone pair to', () => {
    expect(say({ pValue: 0.002, pAdjusted: 0.008 }, { family: 21 })).toBe(
      '`B` beats `A` on `t` by 0.07 (95% CI [0.04, 0.10]; p = 0.008, Holm-adjusted over 21 comparisons; 84 cases).',
    );
    expect(say({ meanDiff: 0.01, ci95: [-0.03, 0.05], pAdjusted: 1, significant: false, mde: 0.12 }, { family: 21 })).toMatch(
      /; p = 1\.00, Holm-adjusted over 21 comparisons; 84 cases; smallest detectable difference 0\.12 at 80% power, α = 0\.05\/21\)\.$/,
    );
  });

  it('says plainly when only the unadjusted CI excludes 0', () => {
    expect(say({ meanDiff: 0.07, ci95: [0.002, 0.132], pValue: 0.04, pAdjusted: 0.09, significant: false, mde: 0.1 }, { family: 6 })).toBe(
      '`B` − `A` on `t` = 0.070: the unadjusted 95% CI [0.002, 0.132] excludes 0, but not significant after Holm over 6 comparisons ' +
        '(p = 0.090, Holm-adjusted over 6 comparisons; 84 cases; smallest detectable difference 0.10 at 80% power, α = 0.05/6).',
    );
  });

  it('with a minimum effect: a significant but smaller difference is negligible, and a CI inside ±E rules larger ones out', () => {
    expect(say({ meanDiff: 0.002, ci95: [0.001, 0.003], pValue: 0.001 }, { minEffect: 0.01 })).toBe(
      '`B` beats `A` on `t` by only 0.002 (95% CI [0.001, 0.003]; p = 0.001; 84 cases): below the minimum effect 0.01, negligible.',
    );
    expect(say({ meanDiff: 0.001, ci95: [-0.008, 0.01], pValue: 0.8, significant: false, mde: 0.02 }, { minEffect: 0.02 })).toMatch(/; the CI rules out differences of 0\.02 or more\)\.$/);
    expect(say({ meanDiff: 0.07, ci95: [0.04, 0.1] }, { minEffect: 0.05 })).toMatch(/^`B` beats `A` on `t` by 0\.07 /);
  });

  it('names the variant of a target comparison', () => {
    const win = describeComparison(makeTargetComparison(), { name: (id) => id, family: 1 });
    expect(win).toBe('openai:gpt-4.1-mini beats mock with seed-xml by 0.07 (95% CI [0.04, 0.10]; p = 0.002; 84 cases).');
  });

  it('describes a difference between runs with the same words', () => {
    const text = describeDifference({ meanDiff: -0.56, ci95: [-0.8, -0.3], pAdjusted: 0.004, significant: true, n: 8 }, { a: 'A', b: 'B', where: '', family: 1 });
    expect(text).toBe('A beats B by 0.56 (95% CI [0.30, 0.80]; p = 0.004; 8 cases).');
  });

  it('lists flipped cases from a to b, the first five per direction', () => {
    expect(describeFlips({ toFail: ['f1', 'f2', 'f3'], toPass: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'] }, formatCode)).toBe(
      '3 to fail (`f1`, `f2`, `f3`), 9 to pass (`p1`, `p2`, `p3`, `p4`, `p5`, +4 more)',
    );
    expect(describeFlips({ toFail: [], toPass: [] }, formatCode)).toBe('');
  });

  it('judges a CI that touches 0 as no win', () => {
    expect(judgeDifference(makeComparison({ ci95: [0, 0.1], significant: true }))).toBe('none');
  });
});
