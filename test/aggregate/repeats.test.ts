import { describe, expect, it } from 'vitest';
import { buildCell } from '../../src/aggregate/build-cell.ts';
import { buildCaseMeans } from '../../src/aggregate/case-means.ts';
import { measureCaseConsistency, summarizeConsistency } from '../../src/aggregate/case-consistency.ts';
import type { Outcome } from '../../src/parse/reply-schema.ts';
import { makeRow } from './rows.ts';

describe('clustered by case', () => {
  // 3 cases × 2 repeats: c1 [1, 0.6] → 0.8 · c2 [0.4, 0.2] → 0.3 · c3 [0.5, 0.9] → 0.7
  const rows = [
    ['c1', 1],
    ['c1', 0.6],
    ['c2', 0.4],
    ['c2', 0.2],
    ['c3', 0.5],
    ['c3', 0.9],
  ].map(([caseId, score], i) => makeRow({ caseId: caseId as string, repeat: i % 2, score: score as number }));
  const cell = buildCell('A', 'mock', rows);

  it('takes the t-interval over the case means, not over the calls', () => {
    // case means 0.8, 0.3, 0.7: mean 0.6, deviations 0.2, −0.3, 0.1, Σ² 0.14, sd √0.07 = 0.264575,
    // se 0.152753, t(0.975, 2) = 4.302653 → half-width 0.657241
    expect(cell.n).toBe(3);
    expect(cell.calls).toBe(6);
    expect(cell.meanScore).toBeCloseTo(0.6, 12);
    expect(cell.ci95?.[0]).toBeCloseTo(-0.057241, 5);
    expect(cell.ci95?.[1]).toBeCloseTo(1.257241, 5);
  });

  it('equals the cluster-robust (CR1) standard error of the mean, case as cluster', () => {
    // Sandwich for a mean with G clusters of the N calls: √(G/(G−1) · Σ_g (Σ_i e_gi)² / N²).
    const residualSums = [0.4 + 0, -0.2 - 0.4, -0.1 + 0.3]; // per case, calls minus the mean 0.6
    const cr1 = Math.sqrt((3 / 2) * residualSums.reduce((s, e) => s + e * e, 0) / 36);
    expect(cr1).toBeCloseTo(0.152753, 6);
    const half = ((cell.ci95?.[1] ?? NaN) - (cell.ci95?.[0] ?? NaN)) / 2;
    expect(half / 4.302653).toBeCloseTo(cr1, 6);
  });

  it('is wider than treating the 6 calls as independent', () => {
    // calls: sd √(0.46 / 5) = 0.303315, se 0.123828, t(0.975, 5) = 2.570582 → half 0.318310
    const half = ((cell.ci95?.[1] ?? NaN) - (cell.ci95?.[0] ?? NaN)) / 2;
    expect(half).toBeGreaterThan(0.31831 * 2);
  });

  it('weights each case once even when a repeat failed to call', () => {
    const withError = [...rows, makeRow({ caseId: 'c2', repeat: 2, score: null })];
    const again = buildCell('A', 'mock', withError);
    expect(again.meanScore).toBeCloseTo(0.6, 12);
    expect(again.ci95).toEqual(cell.ci95);
    expect(again.calls).toBe(7);
  });

  it('gives the pass rate over cases: a case counts by the share of its repeats that passed', () => {
    // passes (≥ 0.7): c1 [1, 0] → ½ · c2 [0, 0] → 0 · c3 [0, 1] → ½. The shares' variance 1/18 is a
    // quarter of p̂(1 − p̂) = 2/9, so they are worth n_eff = 12 cases, capped at the 6 calls: Wilson
    // with p̂ = 1/3 over 6 (over the 3 cases it would be [0.0615, 0.7923], too wide)
    expect(cell.passRate).toBeCloseTo(1 / 3, 12);
    expect(cell.passRateCi95?.[0]).toBeCloseTo(0.096771, 5);
    expect(cell.passRateCi95?.[1]).toBeCloseTo(0.700007, 5);
  });
});

type Sample = [Outcome, boolean | null];

function caseOf(samples: Sample[]) {
  const rows = samples.map(([outcome, pass], repeat) =>
    makeRow({ caseId: 'x', repeat, outcome, score: outcome === 'provider_error' ? null : pass === true ? 1 : 0, pass }),
  );
  const [c] = buildCaseMeans(rows);
  if (c === undefined) throw new Error('no case');
  return c;
}

describe('consistency', () => {
  it.each<[string, Sample[], { agreement: number; flaky: boolean } | null]>([
    ['one sample: nothing to agree with', [['answer', true]], null],
    ['provider errors are not samples', [['answer', true], ['provider_error', null]], null],
    ['all agree', [['answer', true], ['answer', true], ['answer', true]], { agreement: 1, flaky: false }],
    ['all agree, all fail', [['format_error', false], ['format_error', false]], { agreement: 1, flaky: false }],
    ['one of three differs in type', [['answer', true], ['question', false], ['answer', true]], { agreement: 2 / 3, flaky: true }],
    ['same type, pass differs', [['answer', true], ['answer', false]], { agreement: 1, flaky: true }],
    ['three ways', [['answer', false], ['question', false], ['invalid', false]], { agreement: 1 / 3, flaky: true }],
    ['type differs, pass same', [['answer', false], ['schema_error', false], ['answer', false], ['answer', false]], { agreement: 0.75, flaky: true }],
  ])('%s', (_label, samples, expected) => {
    const measured = measureCaseConsistency(caseOf(samples));
    if (expected === null) expect(measured).toBeNull();
    else expect(measured).toEqual({ agreement: expect.closeTo(expected.agreement, 12), flaky: expected.flaky });
  });

  const cellRows = [
    ...(['answer', 'answer', 'question'] as const).map((outcome, repeat) => makeRow({ caseId: 'c1', repeat, outcome, score: outcome === 'answer' ? 1 : 0 })),
    ...[0, 1, 2].map((repeat) => makeRow({ caseId: 'c2', repeat, score: 0.9 })),
    makeRow({ caseId: 'c3', repeat: 0, score: 0.9 }),
    makeRow({ caseId: 'c3', repeat: 1, score: 0.5 }),
    makeRow({ caseId: 'c4', score: 1 }),
    makeRow({ caseId: 'c5', repeat: 0, outcome: 'format_error', score: 0 }),
    makeRow({ caseId: 'c5', repeat: 1, score: null }),
    makeRow({ caseId: 'c5', repeat: 2, outcome: 'format_error', score: 0 }),
  ];

  it('averages agreement over repeated cases and lists the flaky ones in case order', () => {
    // c1 2/3 flaky · c2 1 · c3 1 flaky (0.9 passes, 0.5 fails) · c4 one sample, left out · c5 1
    const cell = buildCell('A', 'mock', cellRows);
    expect(cell.consistency).toBeCloseTo((2 / 3 + 1 + 1 + 1) / 4, 12);
    expect(cell.flaky).toEqual({ count: 2, caseIds: ['c1', 'c3'] });
  });

  it('bounds the listed ids but not the count', () => {
    const cases = buildCaseMeans(
      Array.from({ length: 25 }, (_, i) => [0, 1].map((repeat) => makeRow({ caseId: `f${i}`, repeat, score: repeat }))).flat(),
    );
    const summary = summarizeConsistency(cases);
    expect(summary.flaky.count).toBe(25);
    expect(summary.flaky.caseIds).toEqual(Array.from({ length: 20 }, (_, i) => `f${i}`));
    expect(summarizeConsistency(cases, 3).flaky.caseIds).toEqual(['f0', 'f1', 'f2']);
  });

  it('is null without repeats, with no flaky case', () => {
    const cell = buildCell('A', 'mock', [makeRow({ caseId: 'a', score: 1 }), makeRow({ caseId: 'b', score: 0 })]);
    expect(cell.consistency).toBeNull();
    expect(cell.flaky).toEqual({ count: 0, caseIds: [] });
  });
});
