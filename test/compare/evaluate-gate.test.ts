import { describe, expect, it } from 'vitest';
import { describeGateFailure, listGateNotes } from '../../src/compare/describe-gate.ts';
import { evaluateGate, isGateInEffect, type GateOptions } from '../../src/compare/evaluate-gate.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { cellCalls } from './fixtures.ts';

const CELL = { variant: 'seed-xml', target: 'mock' };
const GOOD = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 0.6 : 0.8));
const WORSE = GOOD.map((s, i) => (i % 2 === 0 ? Math.max(0, s - 0.5) : s));
/** Half the cases up 0.2, half down 0.2: the mean does not move. */
const NOISY = GOOD.map((s, i) => (i % 2 === 0 ? s - 0.2 : s + 0.2));

function baseline(rows: TrialResult[]): NonNullable<GateOptions['baseline']> {
  return { label: 'reports/base', runId: 'base-1', rows };
}

describe('evaluateGate', () => {
  it('is in effect with a floor or a baseline, not with a max drop alone', () => {
    expect(isGateInEffect({})).toBe(false);
    expect(isGateInEffect({ maxDrop: 0.1 })).toBe(false);
    expect(isGateInEffect({ failUnder: 0 })).toBe(true);
    expect(isGateInEffect({ baseline: baseline([]) })).toBe(true);
  });

  it.each([
    ['a mean above the floor', [0.8, 0.9], 0.7, true],
    ['a mean exactly on the floor (as floats sum it)', [0.6, 0.7, 0.8], 0.7, true],
    ['a mean below the floor', [0.5, 0.8], 0.7, false],
  ])('--fail-under: %s', (_what, scores, failUnder, passed) => {
    const verdict = evaluateGate(cellCalls('seed-xml @ mock', scores), [CELL], { failUnder });
    expect(verdict.passed).toBe(passed);
    expect(verdict.cells[0]?.failed).toEqual(passed ? [] : ['fail-under']);
    expect(verdict.failUnder).toBe(failUnder);
    expect(verdict).not.toHaveProperty('baseline');
    expect(verdict).not.toHaveProperty('maxDrop');
  });

  it.each([
    ['the same scores', GOOD, undefined, true],
    ['a better run', GOOD.map(() => 1), undefined, true],
    ['a noisy tie', NOISY, undefined, true],
    ['a clear, significant drop (default max drop 0)', WORSE, undefined, false],
    ['a significant drop within the max drop', WORSE, 0.3, true],
    ['a significant drop past the max drop', WORSE, 0.1, false],
  ])('--baseline: %s', (_what, current, maxDrop, passed) => {
    const verdict = evaluateGate(cellCalls('seed-xml @ mock', current), [CELL], { baseline: baseline(cellCalls('seed-xml @ mock', GOOD)), maxDrop });
    expect(verdict.passed).toBe(passed);
    expect(verdict.maxDrop).toBe(maxDrop ?? 0);
    expect(verdict.baseline).toBe('reports/base');
    expect(verdict.baselineRunId).toBe('base-1');
    expect(verdict.cells[0]?.failed).toEqual(passed ? [] : ['max-drop']);
    expect(verdict.reasons).toHaveLength(passed ? 0 : 1);
  });

  it('a drop of exactly the max drop is not more than it', () => {
    const current = GOOD.map((s) => s - 0.125);
    const verdict = evaluateGate(cellCalls('seed-xml @ mock', current), [CELL], { baseline: baseline(cellCalls('seed-xml @ mock', GOOD)), maxDrop: 0.125 });
    expect(verdict.cells[0]?.baseline?.diff?.significant).toBe(true);
    expect(verdict.passed).toBe(true);
  });

  it('names the cell, the scores, the paired difference and the max drop in one line', () => {
    const verdict = evaluateGate(cellCalls('seed-xml @ mock', WORSE), [CELL], { baseline: baseline(cellCalls('seed-xml @ mock', GOOD)), maxDrop: 0.05 });
    // GOOD averages 0.75; WORSE loses 0.5 on 10 of 20 cases: −0.25 on average, SD 0.2565, half-width t(19) · SD / √20 = 0.12.
    expect(verdict.reasons).toEqual(['seed-xml × mock: score 0.500 fell 0.25 below baseline 0.750 (-0.25 ± 0.12, p < 0.001, 20 cases) > max drop 0.05']);
  });

  it('fails a cell that made calls but scored none, and notes what it could not check', () => {
    const rows = [...cellCalls('seed-xml @ mock', [1, 1, 1]), ...cellCalls('dead @ mock', [null, null]), ...cellCalls('new @ mock', [1, 1])];
    const base = [...cellCalls('seed-xml @ mock', [1, 1, 1]), ...cellCalls('dead @ mock', [1, 1]), ...cellCalls('gone @ mock', [1, 1])];
    const verdict = evaluateGate(rows, [CELL, { variant: 'dead', target: 'mock' }, { variant: 'new', target: 'mock' }, { variant: 'idle', target: 'mock' }], { baseline: baseline(base) });
    expect(verdict.passed).toBe(false);
    expect(verdict.cells.map((c) => [c.variant, c.failed])).toEqual([
      ['seed-xml', []],
      ['dead', ['no-score']],
      ['new', []],
      ['idle', []],
    ]);
    expect(verdict.reasons).toEqual(['dead × mock: no case was scored (every call failed): nothing to pass the gate on']);
    expect(verdict.baselineOnly).toEqual([{ variant: 'gone', target: 'mock' }]);
    expect(listGateNotes(verdict)).toEqual([
      'dead × mock: under 2 cases scored in both runs; max drop not checked',
      'new × mock: not in the baseline; max drop not checked',
      'idle × mock: no calls recorded; not checked',
      'gone × mock: in the baseline only; not checked',
    ]);
  });

  it('checks every cell in the given order, then any cell only the rows hold', () => {
    const rows = [...cellCalls('b @ mock', [1, 1]), ...cellCalls('a @ mock', [0.2, 0.4]), ...cellCalls('extra @ mock', [0.1, 0.1])];
    const verdict = evaluateGate(rows, [{ variant: 'a', target: 'mock' }, { variant: 'b', target: 'mock' }], { failUnder: 0.5 });
    expect(verdict.cells.map((c) => c.variant)).toEqual(['a', 'b', 'extra']);
    expect(verdict.reasons).toEqual(['a × mock: score 0.300 < fail-under 0.5 (2 cases)', 'extra × mock: score 0.100 < fail-under 0.5 (2 cases)']);
  });

  it('a cell can fail both ways; each is its own reason', () => {
    const verdict = evaluateGate(cellCalls('seed-xml @ mock', WORSE), [CELL], { failUnder: 0.6, baseline: baseline(cellCalls('seed-xml @ mock', GOOD)) });
    expect(verdict.cells[0]?.failed).toEqual(['fail-under', 'max-drop']);
    expect(verdict.reasons).toHaveLength(2);
  });

  it('says "shared cases" and the Holm family when the runs differ in cases and cells', () => {
    const base = [...cellCalls('seed-xml @ mock', GOOD), ...cellCalls('other @ mock', GOOD)];
    const rows = [...cellCalls('seed-xml @ mock', [...WORSE, 1, 1]), ...cellCalls('other @ mock', GOOD)];
    const verdict = evaluateGate(rows, [CELL], { baseline: baseline(base) });
    const cell = verdict.cells[0];
    expect(cell?.n).toBe(22);
    expect(cell?.baseline?.n).toBe(20);
    expect(describeGateFailure(cell!, 'max-drop', verdict)).toMatch(/p < 0\.001 Holm-adjusted over 2 cells, 20 shared cases\) > max drop 0$/);
  });
});
