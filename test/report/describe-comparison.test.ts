import { describe, expect, it } from 'vitest';
import { describeComparison, judgeComparison } from '../../src/report/describe-comparison.ts';
import { formatCode } from '../../src/report/escape-markdown.ts';
import { makeComparison } from './fixtures.ts';

const say = (overrides: Parameters<typeof makeComparison>[0]) =>
  describeComparison(makeComparison({ a: 'A', b: 'B', target: 't', ...overrides }), { name: formatCode });

describe('describeComparison', () => {
  it.each([
    [
      'significant, B ahead',
      { meanDiff: 0.07, ci95: [0.04, 0.1], pValue: 0.002, n: 84, significant: true },
      '`B` beats `A` by 0.07 ± 0.03 (p = 0.002, 84 cases).',
    ],
    [
      'significant, A ahead: the winner is the subject',
      { meanDiff: -0.12, ci95: [-0.2, -0.04], pValue: 0.0001, n: 84, significant: true },
      '`A` beats `B` by 0.12 ± 0.08 (p < 0.001, 84 cases).',
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
      'tiny numbers get a third decimal',
      { meanDiff: 0.004, ci95: [0.001, 0.007], pValue: 0.03, n: 84, significant: true },
      '`B` beats `A` by 0.004 ± 0.003 (p = 0.03, 84 cases).',
    ],
  ] as const)('%s', (_label, overrides, expected) => {
    expect(say({ ...overrides, ci95: [overrides.ci95[0], overrides.ci95[1]] })).toBe(expected);
  });

  it('names the target in a win when asked (terminal)', () => {
    const text = describeComparison(makeComparison({ a: 'A', b: 'B', target: 't' }), {
      name: (id) => id,
      withTarget: true,
    });
    expect(text).toBe('B beats A on t by 0.07 ± 0.03 (p = 0.002, 84 cases).');
  });

  it('judges a CI that touches 0 as no win', () => {
    expect(judgeComparison(makeComparison({ ci95: [0, 0.1], significant: true })).kind).toBe('tie');
  });
});
