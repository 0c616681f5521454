import { describe, expect, it } from 'vitest';
import { findCaseChanges } from '../../src/compare/case-changes.ts';
import type { SharedCase } from '../../src/compare/pair-cells.ts';

function pair(caseId: string, a: number, b: number, passA: number | null = a >= 0.7 ? 1 : 0, passB: number | null = b >= 0.7 ? 1 : 0): SharedCase {
  const side = (score: number, pass: number | null) => ({ caseId, tags: [], score, pass, accepted: 1, quality: score, samples: 1, outcomes: [] });
  return { caseId, a: side(a, passA), b: side(b, passB), diff: b - a };
}

describe('findCaseChanges', () => {
  it.each([
    ['pass → fail', pair('x', 1, 0), 'regressed'],
    ['score dropped, still passing', pair('x', 1, 0.8), 'regressed'],
    ['fail → pass', pair('x', 0.2, 0.9), 'improved'],
    ['score rose, still failing', pair('x', 0.1, 0.3), 'improved'],
    ['unchanged', pair('x', 0.8, 0.8), 'neither'],
    ['float noise only', pair('x', 0.9 - 0.6, 1.0 - 0.7), 'neither'],
    ['same mean, fewer repeats passed', pair('x', 0.7, 0.7, 1, 2 / 3), 'regressed'],
    ['same mean, more repeats passed', pair('x', 0.7, 0.7, 1 / 3, 2 / 3), 'improved'],
  ] as const)('%s', (_what, p, expected) => {
    const { regressed, improved } = findCaseChanges([p]);
    const got = regressed.length > 0 ? 'regressed' : improved.length > 0 ? 'improved' : 'neither';
    expect(got).toBe(expected);
  });

  it('orders the largest change first, ties in case order', () => {
    const { regressed, improved } = findCaseChanges([pair('a', 1, 0.5), pair('b', 1, 0), pair('c', 0, 1), pair('d', 1, 0.5), pair('e', 0.5, 0.7)]);
    expect(regressed.map((p) => p.caseId)).toEqual(['b', 'a', 'd']);
    expect(improved.map((p) => p.caseId)).toEqual(['c', 'e']);
  });
});
