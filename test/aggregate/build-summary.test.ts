import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import { toAggregateRow } from '../../src/aggregate/aggregate-row.ts';
import type { SummaryMeta } from '../../src/aggregate/build-summary.ts';
import { buildSummary } from '../../src/aggregate/build-summary.ts';
import type { Outcome } from '../../src/parse/reply-schema.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';

const CASES = {
  c1: { expectedType: 'answer', tags: ['ko', 'short'] },
  c2: { expectedType: 'question', tags: ['ko'] },
  c3: { expectedType: 'invalid', tags: ['injection'] },
} as const;

type Spec = [caseId: keyof typeof CASES, repeat: number, outcome: Outcome, score: number | null, pass: boolean | null, latencyMs: number];

function makeRows(variant: string, simulated: boolean, cost: number | null, specs: Spec[]): AggregateRow[] {
  return specs.map(([caseId, repeat, outcome, score, pass, latencyMs]) => {
    const failed = outcome === 'provider_error';
    return {
      caseId,
      variant,
      target: 'mock',
      repeat,
      expectedType: CASES[caseId].expectedType,
      acceptedTypes: [CASES[caseId].expectedType],
      tags: [...CASES[caseId].tags],
      outcome,
      exactForm: failed ? null : true,
      score,
      pass,
      latencyMs,
      usage: failed ? { inputTokens: 0, outputTokens: 0 } : { inputTokens: 10, outputTokens: 5 },
      costUsd: failed ? null : cost,
      simulated,
    };
  });
}

// A: per case c1 (1 + 0.8)/2 = 0.9 pass 1 · c2 (0 + 0.9)/2 = 0.45 pass 0.5 · c3 1 pass 1 (r1 is a provider error)
const rowsA = makeRows('A', false, 0.001, [
  ['c1', 0, 'answer', 1, true, 100],
  ['c1', 1, 'answer', 0.8, true, 200],
  ['c2', 0, 'answer', 0, false, 300],
  ['c2', 1, 'question', 0.9, true, 400],
  ['c3', 0, 'invalid', 1, true, 500],
  ['c3', 1, 'provider_error', null, null, 9000],
]);
// B: per case c1 1 pass 1 · c2 (0.8 + 0.6)/2 = 0.7 pass 0.5 · c3 (0 + 1)/2 = 0.5 pass 0.5
const rowsB = makeRows('B', true, null, [
  ['c1', 0, 'answer', 1, true, 50],
  ['c1', 1, 'answer', 1, true, 50],
  ['c2', 0, 'question', 0.8, true, 60],
  ['c2', 1, 'question', 0.6, false, 70],
  ['c3', 0, 'format_error', 0, false, 80],
  ['c3', 1, 'invalid', 1, true, 90],
]);

const meta: SummaryMeta = {
  runId: 'run-1',
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:01:00.000Z',
  complete: true,
  passThreshold: 0.7,
  variantOrder: ['A', 'B'],
  targetOrder: ['mock'],
};

const zero = { answer: 0, question: 0, invalid: 0, format_error: 0, schema_error: 0, provider_error: 0 };

describe('buildSummary', () => {
  // Interleave the variants: order of rows must not matter.
  const summary = buildSummary(rowsB.flatMap((row, i) => [row, rowsA[i] as AggregateRow]), meta);

  it('copies the run metadata', () => {
    expect(summary).toMatchObject({ runId: 'run-1', startedAt: meta.startedAt, finishedAt: meta.finishedAt, complete: true, passThreshold: 0.7, simulated: true });
    expect(summary.cells.map((c) => [c.variant, c.target])).toEqual([['A', 'mock'], ['B', 'mock']]);
  });

  it('averages repeats per case and leaves provider errors out of the means', () => {
    const a = summary.cells[0];
    expect(a?.n).toBe(3);
    expect(a?.calls).toBe(6);
    expect(a?.meanScore).toBeCloseTo(2.35 / 3, 12);
    // cases [0.9, 0.45, 1]: sd = √(0.171667 / 2) = 0.292973, se 0.169148, t(0.975, 2) = 4.302653
    // → 0.783333 ± 0.727786, not clipped: the report's ± is this half-width
    expect(a?.ci95?.[0]).toBeCloseTo(0.055547, 5);
    expect(a?.ci95?.[1]).toBeCloseTo(1.511119, 5);
    expect(a?.passRate).toBeCloseTo(2.5 / 3, 12);
    // Shares [1, ½, 1] vary less than 0/1 outcomes would: n_eff = 3 · p̂(1 − p̂) / s² = 7.5, capped at
    // the 5 scored calls → Wilson with p̂ = 5/6 over 5 (not the 3 cases: [0.309988, 0.982348])
    expect(a?.passRateCi95?.[0]).toBeCloseTo(0.403340, 5);
    expect(a?.passRateCi95?.[1]).toBeCloseTo(0.973672, 5);
    expect(a?.typeAccuracy).toBeCloseTo(4 / 5, 12);
    expect(a?.outcomes).toEqual({ ...zero, answer: 3, question: 1, invalid: 1, provider_error: 1 });
    expect(a?.confusion).toEqual({
      answer: { ...zero, answer: 2 },
      question: { ...zero, answer: 1, question: 1 },
      invalid: { ...zero, invalid: 1, provider_error: 1 },
    });
    // latencies without the provider error: [100..500] → p95 rank 3.8 → 400 + 0.8·100
    expect(a?.latencyMs).toEqual({ p50: 300, p95: 480 });
    expect(a?.usage).toEqual({ inputTokens: 50, outputTokens: 25 });
    expect(a?.costUsd).toBeCloseTo(0.005, 12);
    expect(a?.tags).toEqual({
      injection: { n: 1, meanScore: 1, passRate: 1 },
      ko: { n: 2, meanScore: expect.closeTo(0.675, 12), passRate: 0.75 },
      short: { n: 1, meanScore: expect.closeTo(0.9, 12), passRate: 1 },
    });
    expect(Object.keys(a?.tags ?? {})).toEqual(['injection', 'ko', 'short']);
    expect(a?.simulated).toBe(false);
    // c1 two answers that pass · c2 answer fail + question pass (agreement ½) · c3 one scored repeat
    expect(a?.consistency).toBeCloseTo(0.75, 12);
    expect(a?.flaky).toEqual({ count: 1, caseIds: ['c2'] });
  });

  it('counts a format error as a scored 0', () => {
    const b = summary.cells[1];
    expect(b?.n).toBe(3);
    expect(b?.meanScore).toBeCloseTo(2.2 / 3, 12);
    // cases [1, 0.7, 0.5]: sd 0.251661, se 0.145297 → 0.733333 ± 0.625163
    expect(b?.ci95?.[0]).toBeCloseTo(0.10817, 5);
    expect(b?.ci95?.[1]).toBeCloseTo(1.358496, 5);
    expect(b?.passRate).toBeCloseTo(2 / 3, 12);
    expect(b?.typeAccuracy).toBeCloseTo(5 / 6, 12);
    expect(b?.outcomes).toEqual({ ...zero, answer: 2, question: 2, invalid: 1, format_error: 1 });
    expect(b?.confusion['invalid']).toEqual({ ...zero, format_error: 1, invalid: 1 });
    expect(b?.latencyMs).toEqual({ p50: 65, p95: 87.5 });
    expect(b?.usage).toEqual({ inputTokens: 60, outputTokens: 30 });
    expect(b?.costUsd).toBeNull();
    expect(b?.simulated).toBe(true);
    // c1 agrees · c2 same type, pass differs · c3 format error then invalid (½)
    expect(b?.consistency).toBeCloseTo(2.5 / 3, 12);
    expect(b?.flaky).toEqual({ count: 2, caseIds: ['c2', 'c3'] });
  });

  it('compares variants paired by case', () => {
    // diffs B − A: c1 0.1, c2 0.25, c3 −0.5 → mean −0.05, sd √0.1575 = 0.396863; 3 changed cases: the exact
    // sign-flip test, whose 8 sign patterns put Σd = −0.15 in the middle: p = 1
    expect(summary.comparisons).toHaveLength(1);
    const [cmp] = summary.comparisons;
    expect(cmp).toMatchObject({ kind: 'variants', target: 'mock', a: 'A', b: 'B', n: 3, significant: false, method: 'sign-flip', changed: 3 });
    // one comparison: nothing to adjust; repeats: no McNemar; majority verdicts A pass · tie · pass, B pass · tie · tie
    expect(cmp?.pAdjusted).toBe(cmp?.pValue);
    expect(cmp?.mcnemar).toBeNull();
    expect(cmp?.flipped).toEqual({ toFail: [], toPass: [] });
    // (t(0.975, 2) 4.302653 + t(0.8, 2) 1.060660) · 0.396863 / √3
    expect(cmp?.mde).toBeCloseTo(1.228889, 5);
    expect(cmp?.meanDiff).toBeCloseTo(-0.05, 12);
    expect(cmp?.pValue).toBe(1);
    expect(cmp?.ci95[0]).toBeLessThan(-0.05);
    expect(cmp?.ci95[1]).toBeGreaterThan(0);
  });
});

describe('buildSummary edge cases', () => {
  const base = makeRows('A', false, 0.001, [
    ['c1', 0, 'answer', 0.5, false, 10],
    ['c2', 0, 'question', 0.6, false, 10],
    ['c3', 0, 'invalid', 0.7, true, 10],
  ]);
  const better = (variant: string) => base.map((r) => ({ ...r, variant, score: (r.score ?? 0) + 0.3, pass: true }));
  const copyCases = (rows: AggregateRow[], suffix: string) => rows.map((r) => ({ ...r, caseId: `${r.caseId}${suffix}` }));

  it('marks an improvement whose CI excludes 0 as significant', () => {
    // Six cases, all up: the exact test's smallest p, 2/64.
    const gains = [0.3, 0.25, 0.28, 0.3, 0.25, 0.28];
    const a = [...base, ...copyCases(base, '-2')];
    const b = a.map((r, i) => ({ ...r, variant: 'B', score: (r.score ?? 0) + (gains[i] ?? 0), pass: true }));
    const [cmp] = buildSummary([...a, ...b], meta).comparisons;
    expect(cmp?.meanDiff).toBeCloseTo(1.66 / 6, 12);
    expect(cmp?.ci95[0]).toBeGreaterThan(0);
    expect(cmp?.pValue).toBeLessThan(0.05);
    expect(cmp?.significant).toBe(true);
  });

  it('tests the same gain on every case exactly: 3 cases are not enough, 6 are; the interval is never a point', () => {
    // 0.5 + 0.3 − 0.5 and 0.6 + 0.3 − 0.6 differ in the last bit: still one size of change.
    const [three] = buildSummary([...base, ...better('B')], meta).comparisons;
    expect(three).toMatchObject({ n: 3, pValue: expect.closeTo(0.25, 12), significant: false, method: 'sign-flip' });
    expect(three?.meanDiff).toBeCloseTo(0.3, 12);
    expect(three?.ci95[0]).toBeLessThan(0);
    expect(three?.ci95[1]).toBeCloseTo(0.3, 12);

    const six = [...base, ...copyCases(base, '-2'), ...better('B'), ...copyCases(better('B'), '-2')];
    const [cmp] = buildSummary(six, meta).comparisons;
    expect(cmp).toMatchObject({ n: 6, pValue: expect.closeTo(0.03125, 12), significant: true });
    expect(cmp?.ci95[0]).toBeGreaterThan(0);
  });

  it('gives a one-case cell no interval', () => {
    const [cell] = buildSummary([base[0] as AggregateRow], meta).cells;
    expect(cell).toMatchObject({ n: 1, meanScore: 0.5, ci95: null });
  });

  it('gives a cell where no call succeeded no latency, not 0 ms', () => {
    const failed = base.map((r) => ({ ...r, outcome: 'provider_error' as const, score: null, pass: null, latencyMs: 30_000 }));
    const [cell] = buildSummary(failed, meta).cells;
    expect(cell?.calls).toBe(3);
    expect(cell?.latencyMs).toEqual({ p50: null, p95: null });
  });

  it('keeps listed cells without calls and appends unlisted variants', () => {
    const summary = buildSummary([...base, ...better('C')], { ...meta, targetOrder: ['mock', 'openai:x'] });
    expect(summary.cells.map((c) => `${c.variant}/${c.target}`)).toEqual(['A/mock', 'A/openai:x', 'B/mock', 'B/openai:x', 'C/mock', 'C/openai:x']);
    const empty = summary.cells[1];
    expect(empty).toMatchObject({ n: 0, calls: 0, meanScore: null, ci95: null, passRate: null, passRateCi95: null, typeAccuracy: null, costUsd: null, latencyMs: { p50: null, p95: null }, tags: {} });
    expect(empty?.outcomes).toEqual(zero);
    expect(Object.keys(empty?.confusion ?? {})).toEqual(['answer', 'question', 'invalid']);
    // only A–C on mock has 2+ paired cases
    expect(summary.comparisons.map((c) => `${c.a}-${c.b}@${c.kind === 'variants' ? c.target : c.variant}`)).toEqual(['A-C@mock']);
    expect(summary.simulated).toBe(false);
  });

  it('skips a pair with fewer than 2 cases scored in both', () => {
    const onlyOne = better('B').map((r) => (r.caseId === 'c1' ? r : { ...r, outcome: 'provider_error' as const, score: null, pass: null }));
    const summary = buildSummary([...base, ...onlyOne], meta);
    expect(summary.comparisons).toEqual([]);
    expect(summary.cells[1]?.n).toBe(1);
    expect(summary.cells[1]?.ci95).toBeNull();
    expect(summary.cells[1]?.tags['injection']).toEqual({ n: 0, meanScore: null, passRate: null });
  });

  it('toAggregateRow keeps only what aggregation reads', () => {
    const result: TrialResult = {
      ...(base[0] as AggregateRow),
      runId: 'r',
      trialId: 't',
      input: 'a to-do',
      reply: { type: 'answer', items: ['a long reply'] },
      raw: 'raw model text',
      form: 'json',
      error: null,
      scores: { schema: { score: 1, reason: 'ok' } },
      cached: false,
      attempts: 1,
    };
    const row = toAggregateRow(result);
    expect(row).toEqual(base[0]);
    expect(Object.keys(row)).not.toContain('raw');
  });
});
