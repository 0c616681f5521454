import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import { evaluateGate, isGateInEffect, type GateOptions } from '../../src/compare/evaluate-gate.ts';
import { describeGateFailure, listGateNotes, listGateReasons } from '../../src/report/describe-gate.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { call, cellCalls } from './fixtures.ts';

const CELL = { variant: 'seed-xml', target: 'mock' };
const GOOD = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 0.6 : 0.8));
/** Half the cases fall by 0.5: −0.25 on average, every change one size (the exact test). */
const WORSE = GOOD.map((s, i) => (i % 2 === 0 ? Math.max(0, s - 0.5) : s));
/** Half the cases up 0.2, half down 0.2: the mean does not move. */
const NOISY = GOOD.map((s, i) => (i % 2 === 0 ? s - 0.2 : s + 0.2));

function baseline(rows: readonly AggregateRow[]): NonNullable<GateOptions['baseline']> {
  return { label: 'reports/base', runId: 'base-1', rows };
}

function gate(current: readonly number[], options: Omit<GateOptions, 'baseline'> = {}, base: readonly number[] = GOOD) {
  return evaluateGate(cellCalls('seed-xml @ mock', current), [CELL], { baseline: baseline(cellCalls('seed-xml @ mock', base)), ...options });
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
    expect(verdict.metric).toBe('score');
    expect(verdict).not.toHaveProperty('baseline');
    expect(verdict).not.toHaveProperty('maxDrop');
    expect(verdict).not.toHaveProperty('mode');
  });

  it.each([
    ['the same scores', GOOD, undefined, true],
    ['a better run', GOOD.map(() => 1), undefined, true],
    ['a noisy tie', NOISY, undefined, true],
    ['a clear drop (default max drop 0: any drop with evidence)', WORSE, undefined, false],
    ['a drop shown to exceed the max drop', WORSE, 0.1, false],
    ['a drop not shown to exceed the max drop', WORSE, 0.15, true],
    ['a drop well within the max drop', WORSE, 0.3, true],
  ])('max-drop mode: %s', (_what, current, maxDrop, passed) => {
    const verdict = gate(current, { maxDrop });
    expect(verdict.passed).toBe(passed);
    expect(verdict).toMatchObject({ maxDrop: maxDrop ?? 0, mode: 'max-drop', baseline: 'reports/base', baselineRunId: 'base-1', reasons: [] });
    expect(verdict.cells[0]?.failed).toEqual(passed ? [] : ['max-drop']);
    // The bound decides: below −D exactly when the cell failed.
    const margin = verdict.cells[0]?.baseline?.diff?.margin;
    expect((margin?.bound ?? NaN) < -(maxDrop ?? 0)).toBe(!passed);
    expect((margin?.pAdjusted ?? NaN) < 0.05).toBe(!passed);
  });

  it('max-drop asks for evidence the drop exceeds D: a drop of exactly D passes, though it is significant', () => {
    const verdict = gate(GOOD.map((s) => s - 0.125), { maxDrop: 0.125 });
    expect(verdict.cells[0]?.baseline?.diff?.significant).toBe(true);
    expect(verdict.passed).toBe(true);
  });

  it.each([
    ['the same scores', GOOD, 0.05, true],
    ['a better run', GOOD.map(() => 1), 0.05, true],
    ['a noisy tie whose lower bound reaches past the margin', NOISY, 0.05, false],
    ['the same noisy tie with a wider margin', NOISY, 0.1, true],
    ['a clear drop', WORSE, 0.1, false],
  ])('non-inferiority mode: %s', (_what, current, maxDrop, passed) => {
    const verdict = gate(current, { maxDrop, mode: 'non-inferiority' });
    expect(verdict.passed).toBe(passed);
    expect(verdict.mode).toBe('non-inferiority');
    expect(verdict.cells[0]?.failed).toEqual(passed ? [] : ['non-inferiority']);
    const margin = verdict.cells[0]?.baseline?.diff?.margin;
    expect(margin).toMatchObject({ mode: 'non-inferiority', margin: maxDrop, confidence: 0.95, family: 1 });
    expect((margin?.bound ?? NaN) > -maxDrop).toBe(passed);
    expect((margin?.pValue ?? NaN) < 0.05).toBe(passed);
  });

  it('states the power on each cell: max-drop the drop it catches, non-inferiority also how often no change passes', () => {
    const drop = gate(NOISY, { maxDrop: 0.1 }).cells[0]?.baseline?.diff?.margin;
    // sd of ±0.2 over 20 cases: 0.205196, se 0.045883; 0.1 + (t(0.95, 19) 1.729133 + t(0.8, 19) 0.860951) · se
    expect(drop?.detectableDrop).toBeCloseTo(0.1 + (1.729133 + 0.860951) * 0.045883, 4);
    expect(drop?.passChance).toBeNull();
    const ni = gate(NOISY, { maxDrop: 0.1, mode: 'non-inferiority' }).cells[0]?.baseline?.diff?.margin;
    expect(ni?.detectableDrop).toBeCloseTo(0.1 - (1.729133 - 0.860951) * 0.045883, 4);
    expect(ni?.passChance).toBeGreaterThan(0.5);
    expect(ni?.passChance).toBeLessThan(0.9);
  });

  it('Holm-adjusts max-drop over the cells tested; the bound is at the level that decision used', () => {
    const rows = [...cellCalls('seed-xml @ mock', WORSE), ...cellCalls('other @ mock', WORSE)];
    const base = [...cellCalls('seed-xml @ mock', GOOD), ...cellCalls('other @ mock', GOOD)];
    const two = evaluateGate(rows, [CELL], { baseline: baseline(base), maxDrop: 0.1 });
    const one = gate(WORSE, { maxDrop: 0.1 });
    const [m1, m2] = two.cells.map((c) => c.baseline?.diff?.margin);
    expect(m1).toMatchObject({ family: 2, pAdjusted: expect.closeTo(2 * (one.cells[0]?.baseline?.diff?.margin?.pValue ?? NaN), 12) });
    expect(m1?.confidence).toBeCloseTo(0.975, 12);
    expect(m1?.bound).toBeGreaterThan(one.cells[0]?.baseline?.diff?.margin?.bound ?? NaN);
    expect(m2?.family).toBe(2);
  });

  it('non-inferiority is not adjusted: every cell must pass on its own', () => {
    const rows = [...cellCalls('seed-xml @ mock', NOISY), ...cellCalls('other @ mock', NOISY)];
    const base = [...cellCalls('seed-xml @ mock', GOOD), ...cellCalls('other @ mock', GOOD)];
    const verdict = evaluateGate(rows, [CELL], { baseline: baseline(base), maxDrop: 0.1, mode: 'non-inferiority' });
    expect(verdict.cells.map((c) => c.baseline?.diff?.margin?.family)).toEqual([1, 1]);
    expect(verdict.passed).toBe(true);
  });

  it('names the cell, the scores, the change, the bound against the margin, the mode and the power in one line', () => {
    const verdict = gate(WORSE, { maxDrop: 0.05 });
    expect(listGateReasons(verdict)).toEqual([
      'seed-xml × mock: score 0.500 vs baseline 0.750: change -0.25 over 20 cases; upper bound -0.12 < -0.05 (max-drop 0.05: one-sided 95%; p = 0.006): evidence the drop exceeds 0.05; could detect drops ≥ 0.20 (80% power)',
    ]);
    const ni = gate(NOISY, { maxDrop: 0.05, mode: 'non-inferiority' });
    expect(listGateReasons(ni)).toEqual([
      'seed-xml × mock: score 0.750 vs baseline 0.750: change 0.00 over 20 cases; lower bound -0.08 is not above -0.05 (non-inferiority 0.05: one-sided 95%; p = 0.18): ' +
        'no evidence the drop is under 0.05; could detect drops ≥ 0.01 (80% power); an unchanged prompt passes 27% of the time with these cases',
    ]);
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
    expect(listGateReasons(verdict)).toEqual(['dead × mock: no case was scored (every call failed): nothing to pass the gate on']);
    expect(verdict.baselineOnly).toEqual([{ variant: 'gone', target: 'mock' }]);
    expect(listGateNotes(verdict)).toEqual([
      'dead × mock: under 2 cases with a score in both runs; max-drop not checked',
      'new × mock: not in the baseline; max-drop not checked',
      'idle × mock: no calls recorded; not checked',
      'gone × mock: in the baseline only; not checked',
    ]);
  });

  it('checks every cell in the given order, then any cell only the rows hold', () => {
    const rows = [...cellCalls('b @ mock', [1, 1]), ...cellCalls('a @ mock', [0.2, 0.4]), ...cellCalls('extra @ mock', [0.1, 0.1])];
    const verdict = evaluateGate(rows, [{ variant: 'a', target: 'mock' }, { variant: 'b', target: 'mock' }], { failUnder: 0.5 });
    expect(verdict.cells.map((c) => c.variant)).toEqual(['a', 'b', 'extra']);
    expect(listGateReasons(verdict)).toEqual(['a × mock: score 0.300 < fail-under 0.5 (2 cases)', 'extra × mock: score 0.100 < fail-under 0.5 (2 cases)']);
  });

  it('never prints a mean on the floor as below it', () => {
    const verdict = evaluateGate(cellCalls('seed-xml @ mock', [0.69996, 0.69996]), [CELL], { failUnder: 0.7 });
    expect(listGateReasons(verdict)).toEqual(['seed-xml × mock: score 0.69996 < fail-under 0.7 (2 cases)']);
  });

  it('a cell can fail both ways; each is its own reason', () => {
    const verdict = gate(WORSE, { failUnder: 0.6 });
    expect(verdict.cells[0]?.failed).toEqual(['fail-under', 'max-drop']);
    expect(listGateReasons(verdict)).toHaveLength(2);
  });

  it('says "shared cases" and the Holm family when the runs differ in cases and cells', () => {
    const base = [...cellCalls('seed-xml @ mock', GOOD), ...cellCalls('other @ mock', GOOD)];
    const rows = [...cellCalls('seed-xml @ mock', [...WORSE, 1, 1]), ...cellCalls('other @ mock', GOOD)];
    const verdict = evaluateGate(rows, [CELL], { baseline: baseline(base) });
    const cell = verdict.cells[0];
    expect(cell?.n).toBe(22);
    expect(cell?.baseline?.n).toBe(20);
    expect(describeGateFailure(cell!, 'max-drop', verdict)).toMatch(/change -0\.25 over 20 shared cases; upper bound -0\.\d+ < 0\.00 \(max-drop 0: one-sided 97\.5%, Holm over 2 cells; p = 0\.002 adjusted\): evidence the drop exceeds 0; could detect drops ≥ 0\.\d\d \(80% power\)$/);
  });
});

describe('evaluateGate on another metric', () => {
  /** A case's calls: the reply type and score of each repeat (expected type: answer). */
  const calls = (variant: string, replies: readonly (readonly ['answer' | 'question', number])[][]): TrialResult[] =>
    replies.flatMap((repeats, i) => repeats.map(([outcome, score], repeat) => call(`${variant} @ mock`, `c${i}`, score, { outcome, repeat, pass: score >= 0.7 })));
  const right = (score: number) => [['answer', score]] as const;
  const wrong = (score: number) => [['question', score]] as const;

  it('classification: the share of replies of an accepted type, 0/1 per case here, decided by the exact test', () => {
    const base = calls('v', Array.from({ length: 30 }, () => [...right(0.8)]));
    const current = calls('v', Array.from({ length: 30 }, (_, i) => [...(i < 9 ? wrong(0.8) : right(0.8))]));
    const verdict = evaluateGate(current, [{ variant: 'v', target: 'mock' }], { baseline: baseline(base), maxDrop: 0.05, metric: 'classification', failUnder: 0.8 });
    const cell = verdict.cells[0];
    // The score did not move at all; the type accuracy fell from 1 to 0.7.
    expect(cell?.meanScore).toBeCloseTo(0.8, 12);
    expect(cell?.value).toBeCloseTo(0.7, 12);
    expect(cell?.baseline?.value).toBe(1);
    expect(cell?.baseline?.diff).toMatchObject({ method: 'sign-flip', changed: 9, meanDiff: expect.closeTo(-0.3, 12) });
    expect(cell?.failed).toEqual(['fail-under', 'max-drop']);
    expect(listGateReasons(verdict)[0]).toBe('v × mock: type accuracy 0.700 < fail-under 0.8 (30 cases)');
    expect(listGateReasons(verdict)[1]).toMatch(/^v × mock: type accuracy 0\.700 vs baseline 1\.000: change -0\.30 over 30 cases; upper bound -0\.\d+ < -0\.05/);
    expect(evaluateGate(current, [{ variant: 'v', target: 'mock' }], { baseline: baseline(base), maxDrop: 0.05 }).passed).toBe(true);
  });

  it('quality: the score of replies of an accepted type, paired over cases accepted in both runs', () => {
    const base = calls('v', Array.from({ length: 24 }, (_, i) => [...right(0.5 + 0.02 * i)]));
    // Four cases now reply with a wrong type (left out of quality); the rest lose 0.2.
    const current = calls('v', Array.from({ length: 24 }, (_, i) => [...(i < 4 ? wrong(0.1) : right(0.3 + 0.02 * i + (i % 2) * 0.01))]));
    const verdict = evaluateGate(current, [{ variant: 'v', target: 'mock' }], { baseline: baseline(base), maxDrop: 0.1, metric: 'quality' });
    const cell = verdict.cells[0];
    expect(cell?.valueN).toBe(20);
    expect(cell?.baseline?.diff?.n).toBe(20);
    expect(cell?.baseline?.diff?.meanDiff).toBeCloseTo(-0.195, 12);
    expect(cell?.failed).toEqual(['max-drop']);
    expect(listGateReasons(verdict)[0]).toMatch(/^v × mock: quality 0\.\d{3} vs baseline 0\.\d{3}: change -0\.20 over 20 shared cases; upper bound/);
  });

  it('a case with several repeats counts by the share of its repeats of an accepted type', () => {
    const base = calls('v', [[...right(1), ...right(1)], [...right(1), ...right(1)]]);
    const current = calls('v', [[...right(1), ...wrong(1)], [...wrong(1), ...wrong(1)]]);
    const verdict = evaluateGate(current, [{ variant: 'v', target: 'mock' }], { baseline: baseline(base), metric: 'classification' });
    expect(verdict.cells[0]?.value).toBeCloseTo(0.25, 12);
    expect(verdict.cells[0]?.baseline?.diff?.meanDiff).toBeCloseTo(-0.75, 12);
  });
});
