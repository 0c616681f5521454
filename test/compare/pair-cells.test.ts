import { describe, expect, it } from 'vitest';
import { pairCells, summarizeSide } from '../../src/compare/pair-cells.ts';
import { call, cellCalls } from './fixtures.ts';

describe('pairCells', () => {
  it('matches cells by variant and target, lists the rest on their side, in the given order', () => {
    const a = [...cellCalls('x @ mock', [1, 1]), ...cellCalls('old @ mock', [1, 1]), ...cellCalls('y @ mock', [1, 1])];
    const b = [...cellCalls('y @ mock', [1, 1]), ...cellCalls('x @ mock', [1, 1]), ...cellCalls('x @ openai:m', [1, 1])];
    const pairing = pairCells({ rows: a }, { rows: b, order: [{ variant: 'x', target: 'mock' }] });
    expect(pairing.cells.map((c) => `${c.variant} @ ${c.target}`)).toEqual(['x @ mock', 'y @ mock']);
    expect(pairing.onlyA).toEqual([{ variant: 'old', target: 'mock' }]);
    expect(pairing.onlyB).toEqual([{ variant: 'x', target: 'openai:m' }]);
  });

  it('pairs only cases scored on both sides, b − a, and averages repeats first', () => {
    const a = [call('v @ t', 'c1', 1), call('v @ t', 'c2', 0.5), call('v @ t', 'c3', null), call('v @ t', 'gone', 1)];
    const b = [
      call('v @ t', 'c1', 0, { repeat: 0 }),
      call('v @ t', 'c1', 0.5, { repeat: 1 }),
      call('v @ t', 'c2', 1),
      call('v @ t', 'c3', 1),
      call('v @ t', 'new', 1),
    ];
    const [cell] = pairCells({ rows: a }, { rows: b }).cells;
    expect(cell?.shared.map((s) => [s.caseId, s.diff])).toEqual([
      ['c1', -0.75],
      ['c2', 0.5],
    ]);
    // Each side's mean is over its own scored cases: a 2.5/3, b (0.25 + 1 + 1 + 1)/4.
    expect(cell?.a.meanScore).toBeCloseTo(2.5 / 3, 12);
    expect(cell?.a.n).toBe(3);
    expect(cell?.a.calls).toBe(4);
    expect(cell?.b.meanScore).toBeCloseTo(3.25 / 4, 12);
    expect(cell?.diff?.n).toBe(2);
    expect(cell?.diff?.meanDiff).toBeCloseTo(-0.125, 12);
  });

  it('has no test under 2 shared cases', () => {
    const [cell] = pairCells({ rows: [call('v @ t', 'c1', 1)] }, { rows: [call('v @ t', 'c1', 0)] }).cells;
    expect(cell?.shared).toHaveLength(1);
    expect(cell?.diff).toBeNull();
  });

  it('Holm-adjusts the p-values over the cells tested', () => {
    // Same differences in two cells: each raw p doubles (m = 2), so a borderline cell stops counting.
    // Six of eight cases up: the exact sign-flip test's p = 2/64.
    const before = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const after = [0.6, 0.7, 0.6, 0.8, 0.55, 0.7, 0.5, 0.5];
    const one = pairCells({ rows: cellCalls('v @ t', before) }, { rows: cellCalls('v @ t', after) }).cells[0]?.diff;
    const two = pairCells(
      { rows: [...cellCalls('v @ t', before), ...cellCalls('w @ t', before)] },
      { rows: [...cellCalls('v @ t', after), ...cellCalls('w @ t', after)] },
    ).cells.map((c) => c.diff);
    expect(one?.pAdjusted).toBe(one?.pValue);
    expect(one?.pValue).toBeCloseTo(0.03125, 12);
    expect(one?.significant).toBe(true);
    expect(one).toMatchObject({ method: 'sign-flip', changed: 6, mdeAlpha: 0.05 });
    for (const diff of two) {
      expect(diff?.pAdjusted).toBeCloseTo(2 * (one?.pValue ?? 0), 12);
      expect(diff?.significant).toBe(false);
      expect(diff?.mdeAlpha).toBe(0.025);
      expect(diff?.mde).toBeGreaterThan(one?.mde ?? Infinity);
    }
  });
});

describe('summarizeSide', () => {
  it('counts calls, scored cases and the mean over cases', () => {
    expect(summarizeSide([])).toEqual({ calls: 0, n: 0, meanScore: null, value: null, valueN: 0, cases: [] });
    const side = summarizeSide([call('v @ t', 'a', null), call('v @ t', 'b', 0.4), call('v @ t', 'b', 0.6)]);
    expect(side).toMatchObject({ calls: 3, n: 1, meanScore: 0.5, value: 0.5, valueN: 1 });
  });
});
