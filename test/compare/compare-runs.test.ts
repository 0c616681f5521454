import { describe, expect, it } from 'vitest';
import { compareRuns, type RunInput } from '../../src/compare/compare-runs.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { call } from './fixtures.ts';

function run(label: string, results: TrialResult[], extra: Partial<RunInput> = {}): RunInput {
  return { label, runId: `${label}-id`, startedAt: '2026-01-01T00:00:00.000Z', complete: true, passThreshold: 0.7, results, ...extra };
}

describe('compareRuns', () => {
  it('gives cell means, their delta, the paired test and the changed cases with both replies', () => {
    const a = run('a', [
      call('v @ mock', 'up', 0.2, { raw: 'A up', input: '이사 준비하기' }),
      call('v @ mock', 'down', 1, { raw: 'A down' }),
      call('v @ mock', 'same', 1, { raw: 'A same' }),
    ]);
    const b = run('b', [
      call('v @ mock', 'same', 1, { raw: 'B same' }),
      call('v @ mock', 'down', 0, { raw: 'B down', outcome: 'format_error' }),
      call('v @ mock', 'up', 0.9, { raw: 'B up', input: '이사 준비하기' }),
    ]);
    const c = compareRuns(a, b);
    expect(c.a).toMatchObject({ label: 'a', runId: 'a-id', calls: 3, simulated: true });
    const [cell] = c.cells;
    expect(cell?.a.meanScore).toBeCloseTo(2.2 / 3, 12);
    expect(cell?.b.meanScore).toBeCloseTo(1.9 / 3, 12);
    expect(cell?.delta).toBeCloseTo(-0.1, 12);
    expect(cell?.diff?.n).toBe(3);
    expect(cell?.regressed.map((r) => [r.caseId, r.a.reply.text, r.b.reply.text, r.b.reply.outcome])).toEqual([['down', 'A down', 'B down', 'format_error']]);
    expect(cell?.improved.map((r) => [r.caseId, r.input, r.a.score, r.b.score])).toEqual([['up', '이사 준비하기', 0.2, 0.9]]);
    expect(c.tested).toBe(1);
  });

  it('with repeats, shows the best reply of the better side and the worst of the worse', () => {
    const a = run('a', [call('v @ t', 'x', 1, { repeat: 0, raw: 'A0' }), call('v @ t', 'x', 0.6, { repeat: 1, raw: 'A1' }), call('v @ t', 'y', 1)]);
    const b = run('b', [
      call('v @ t', 'x', 0.5, { repeat: 0, raw: 'B0' }),
      call('v @ t', 'x', null, { repeat: 1, raw: null, error: { status: 500, message: 'B1 failed' } }),
      call('v @ t', 'x', 0.2, { repeat: 2, raw: 'B2' }),
      call('v @ t', 'y', 1),
    ]);
    const [change] = compareRuns(a, b).cells[0]?.regressed ?? [];
    expect(change?.a.reply.text).toBe('A0');
    expect(change?.b.reply).toEqual({ outcome: 'provider_error', score: null, text: 'B1 failed' });
    expect(change?.a.score).toBeCloseTo(0.8, 12);
    expect(change?.b.score).toBeCloseTo(0.35, 12);
  });

  it('keeps the largest changes and counts them all', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
    const a = run('a', scores.map((_, i) => call('v @ t', `c${i}`, 1)));
    const b = run('b', scores.map((s, i) => call('v @ t', `c${i}`, s)));
    const cell = compareRuns(a, b, 2).cells[0];
    expect(cell?.regressedCount).toBe(5);
    expect(cell?.regressed.map((r) => r.caseId)).toEqual(['c4', 'c3']);
  });

  it('lists cells only one run has, in run order', () => {
    const a = run('a', [call('old @ t', 'x', 1), call('v @ t', 'x', 1)], { order: [{ variant: 'v', target: 't' }, { variant: 'old', target: 't' }] });
    const b = run('b', [call('v @ t', 'x', 1), call('new @ t', 'x', 1)]);
    const c = compareRuns(a, b);
    expect(c.onlyA).toEqual([{ variant: 'old', target: 't' }]);
    expect(c.onlyB).toEqual([{ variant: 'new', target: 't' }]);
    expect(c.cells[0]?.diff).toBeNull();
    expect(c.tested).toBe(0);
  });
});
