import { describe, expect, it } from 'vitest';
import { describeComparison, judgeComparison, type DescribeOptions } from '../../src/report/describe-comparison.ts';
import { formatCode } from '../../src/report/escape-markdown.ts';
import { makeComparison, makeTargetComparison } from './fixtures.ts';

type Overrides = Parameters<typeof makeComparison>[0];

const say = (overrides: Overrides, options: Partial<DescribeOptions> = {}) =>
  describeComparison(makeComparison({ a: 'A', b: 'B', target: 't', mde: null, ...overrides }), { name: formatCode, ...options });

describe('describeComparison', () => {
  it.each<[string, Overrides, string]>([
    [
      'significant, B ahead',
      { meanDiff: 0.07, ci95: [0.04, 0.1], pValue: 0.002, n: 84, significant: true },
      '`B` beats `A` on `t` by 0.07 ± 0.03 (p = 0.002, 84 cases).',
    ],
    [
      'significant, A ahead: the winner is the subject',
      { meanDiff: -0.12, ci95: [-0.2, -0.04], pValue: 0.0001, n: 84, significant: true },
      '`A` beats `B` on `t` by 0.12 ± 0.08 (p < 0.001, 84 cases).',
    ],
    [
      'not significant',
      { meanDiff: 0.01, ci95: [-0.03, 0.05], pValue: 0.61, n: 84, significant: false },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.01 ± 0.04 (p = 0.61, 84 cases).',
    ],
    [
      'flagged significant but the CI spans 0: never a win',
      { meanDiff: 0.05, ci95: [-0.01, 0.11], pValue: 0.04, n: 20, significant: true },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.05 ± 0.06 (p = 0.04, 20 cases).',
    ],
    [
      'CI excludes 0 but not flagged significant',
      { meanDiff: 0.05, ci95: [0.01, 0.09], pValue: 0.2, n: 1, significant: false },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.05 ± 0.04 (p = 0.20, 1 case).',
    ],
    [
      'a difference that rounds to nothing shows no minus sign',
      { meanDiff: -0.0003, ci95: [-0.05, 0.0494], pValue: 0.99, n: 30, significant: false },
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.00 ± 0.05 (p = 0.99, 30 cases).',
    ],
    [
      'tiny numbers get a third decimal',
      { meanDiff: 0.004, ci95: [0.001, 0.007], pValue: 0.03, n: 84, significant: true },
      '`B` beats `A` on `t` by 0.004 ± 0.003 (p = 0.03, 84 cases).',
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(say(overrides)).toBe(expected);
  });

  it('shows the Holm-adjusted p and says so when the run compared several pairs', () => {
    expect(say({ pValue: 0.002, pAdjusted: 0.008 }, { adjusted: true })).toBe(
      '`B` beats `A` on `t` by 0.07 ± 0.03 (p = 0.008, Holm-adjusted, 84 cases).',
    );
  });

  it('adds McNemar and the flipped cases, from a to b, in full', () => {
    const text = say(
      {
        pAdjusted: 0.002,
        mcnemar: { aOnly: 3, bOnly: 9, pValue: 0.146 },
        flipped: { toFail: ['f1', 'f2', 'f3'], toPass: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'] },
      },
      { adjusted: true, detail: 'full' },
    );
    expect(text).toBe(
      '`B` beats `A` on `t` by 0.07 ± 0.03 (p = 0.002, Holm-adjusted, 84 cases; McNemar p = 0.15); ' +
        'flipped from `A` to `B`: 3 to fail (`f1`, `f2`, `f3`), 9 to pass (`p1`, `p2`, `p3`, `p4`, `p5`, +4 more).',
    );
  });

  it('tells a tie how small a difference these cases could have found', () => {
    const text = say({ meanDiff: 0.01, ci95: [-0.03, 0.05], pValue: 0.61, significant: false, mde: 0.0876, flipped: { toFail: [], toPass: ['c9'] } });
    expect(text).toBe(
      'No significant difference between `A` and `B` on `t`: `B` − `A` = 0.01 ± 0.04 ' +
        '(p = 0.61, 84 cases; smallest detectable difference with these cases: 0.09); flipped from `A` to `B`: 0 to fail, 1 to pass (`c9`).',
    );
  });

  it('keeps the short form to the verdict and its evidence (terminal)', () => {
    const text = describeComparison(
      makeComparison({ a: 'A', b: 'B', target: 't', mcnemar: { aOnly: 1, bOnly: 8, pValue: 0.039 }, flipped: { toFail: ['x'], toPass: [] } }),
      { name: (id) => id, detail: 'short' },
    );
    expect(text).toBe('B beats A on t by 0.07 ± 0.03 (p = 0.002, 84 cases).');
  });

  it('names the variant of a target comparison', () => {
    const win = describeComparison(makeTargetComparison(), { name: (id) => id });
    expect(win).toBe('openai:gpt-4.1-mini beats mock with seed-xml by 0.07 ± 0.03 (p = 0.002, 84 cases).');
    const tie = describeComparison(makeTargetComparison({ significant: false, mde: 0.12 }), { name: (id) => id });
    expect(tie).toBe(
      'No significant difference between mock and openai:gpt-4.1-mini with seed-xml: openai:gpt-4.1-mini − mock = 0.07 ± 0.03 ' +
        '(p = 0.002, 84 cases; smallest detectable difference with these cases: 0.12).',
    );
  });

  it('judges a CI that touches 0 as no win', () => {
    expect(judgeComparison(makeComparison({ ci95: [0, 0.1], significant: true })).kind).toBe('tie');
  });
});
