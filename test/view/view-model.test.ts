import { describe, expect, it } from 'vitest';
import { buildSummary, toAggregateRow } from '../../src/aggregate/index.ts';
import { loadProject } from '../../src/config/load-project.ts';
import { renderPrompt } from '../../src/render/index.ts';
import type { TrialResult } from '../../src/results/index.ts';
import { buildViewModel } from '../../src/view/model/build-view-model.ts';
import { packStrings, stringifyPacked, unpackStrings } from '../../src/view/model/intern-strings.ts';
import { framePrompts, joinPrompt } from '../../src/view/model/prompt-frames.ts';
import { createViewCollector } from '../../src/view/model/view-collector.ts';
import { embedJson } from '../../src/view/html/render-report-html.ts';
import { makeResult } from '../report/fixtures.ts';

const NO_PROMPTS = { unavailable: 'none in this test', variants: {}, cases: {} };

function modelOf(results: TrialResult[], budget?: number, charBudget?: number, trialBudget?: number) {
  const collector = createViewCollector(budget, charBudget, trialBudget);
  for (const r of results) collector.add(r);
  const summary = buildSummary(results.map(toAggregateRow), { runId: 'r', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', complete: true, passThreshold: 0.7, variantOrder: [], targetOrder: [] });
  return buildViewModel(summary, collector.collected(), { plannedCalls: results.length, repeat: 1 }, NO_PROMPTS);
}

describe('the view model', () => {
  const results = [
    makeResult({ trialId: 'a1', caseId: 'c1', variant: 'A', tags: ['work'], scores: { type: { score: 1, reason: 'ok' }, count: { score: 0.5, reason: '1 item' } }, cached: true }),
    makeResult({ trialId: 'a2', caseId: 'c2', variant: 'A', tags: ['home'], score: 0, pass: false, scores: { type: { score: 0, reason: 'wrong' }, count: { score: null, reason: 'n/a' } } }),
    makeResult({ trialId: 'b1', caseId: 'c1', variant: 'B', tags: ['work'], scores: { type: { score: 1, reason: 'ok' }, count: { score: 1, reason: '3 items' } } }),
    makeResult({ trialId: 'b2', caseId: 'c2', variant: 'B', tags: ['home'], outcome: 'provider_error', reply: null, raw: null, score: null, pass: null, error: { status: 429, message: 'rate limited' }, scores: {} }),
    makeResult({ trialId: 'b3', caseId: 'c3', variant: 'B', tags: [], outcome: 'provider_error', reply: null, raw: null, score: null, pass: null, error: { status: 429, message: 'rate limited' }, scores: {} }),
  ];
  const model = modelOf(results);

  it('keeps every case and every call, each call pointing at its ranked cell', () => {
    expect(model.cases.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(model.trials).toHaveLength(5);
    for (const t of model.trials) {
      const cell = model.cells[t.cell];
      expect(results.find((r) => r.trialId === t.detail?.trialId)?.variant).toBe(cell?.variant);
    }
    expect(model.tags).toEqual(['home', 'work']);
  });

  it('means each criterion over the calls it applied to, provider errors left out', () => {
    const a = model.cells.find((c) => c.variant === 'A');
    expect(a?.criteria).toEqual({ type: { mean: 0.5, n: 2 }, count: { mean: 0.5, n: 1 } });
    expect(model.criteria).toEqual(['type', 'count']);
    expect(a?.cached).toBe(1);
    expect(a?.failingCases).toBe(1);
  });

  it('groups provider errors by target, status and message, with a few example cases', () => {
    expect(model.providerErrors).toEqual([{ target: 'mock', status: 429, message: 'rate limited', count: 2, examples: ['c2 (B)', 'c3 (B)'] }]);
  });

  it('past the character budget drops texts too', () => {
    const tight = modelOf(results, undefined, 1);
    expect(tight.trials.filter((t) => t.detail !== null)).toHaveLength(1);
    expect(tight.detailDropped).toBe(4);
  });

  it('past the call budget lists no more calls, but every call still counts', () => {
    const listed = modelOf(results, undefined, undefined, 3);
    expect(listed.trials).toHaveLength(3);
    expect(listed.trialsDropped).toBe(2);
    expect(listed.run.calls).toBe(5);
    expect(listed.cells).toEqual(model.cells);
    expect(listed.providerErrors).toEqual(model.providerErrors);
  });

  it('past the text budget keeps the numbers of a call and drops its texts', () => {
    const small = modelOf(results, 2);
    expect(small.trials.filter((t) => t.detail !== null)).toHaveLength(2);
    expect(small.detailDropped).toBe(3);
    expect(small.trials.map((t) => t.outcome)).toEqual(model.trials.map((t) => t.outcome));
  });
});

describe('prompt frames', () => {
  it('give back exactly the messages renderPrompt made, for every shipped variant and case', async () => {
    const project = await loadProject({ cwd: process.cwd() });
    const entries = project.variants.flatMap((v) => project.cases.map((c) => ({ variant: v.id, caseId: c.id, prompt: renderPrompt(v, c) })));
    const framed = framePrompts(entries);
    for (const e of entries) expect(joinPrompt(framed, e.variant, e.caseId)).toEqual(e.prompt);
    // Stored once per variant, the frames are a small share of the messages' own size.
    expect(JSON.stringify(framed).length).toBeLessThan(JSON.stringify(entries).length / 10);
  });

  it('keep a case with earlier turns apart from the shared example turns', () => {
    const shots = [{ role: 'user' as const, content: 'ex' }, { role: 'assistant' as const, content: 'reply' }];
    const entries = [
      { variant: 'v', caseId: 'a', prompt: { system: 's', messages: [...shots, { role: 'user' as const, content: 'T: 빨래 하기 :E' }] } },
      { variant: 'v', caseId: 'b', prompt: { system: 's', messages: [...shots, { role: 'user' as const, content: 'earlier' }, { role: 'assistant' as const, content: '언제?' }, { role: 'user' as const, content: 'T: 내일 :E' }] } },
    ];
    const framed = framePrompts(entries);
    expect(framed.variants['v']).toEqual({ system: 's', shots, userPrefix: 'T: ', userSuffix: ' :E' });
    for (const e of entries) expect(joinPrompt(framed, e.variant, e.caseId)).toEqual(e.prompt);
    expect(joinPrompt(framed, 'v', 'missing')).toBeNull();
  });
});

describe('packed strings', () => {
  it('round-trip any model text, a reference-looking string and a __proto__ key included', () => {
    const value = { a: ['same text', 'same text', { $s: 'not a ref' }], b: { __proto__: 'x', reason: 'same text' }, c: '{"$s":0}', d: 1, e: null };
    const withProto = JSON.parse(JSON.stringify(value).replace('"b":{', '"b":{"__proto__":"own",')) as unknown;
    const packed = packStrings(withProto);
    expect(packed.strings).toContain('same text');
    expect(JSON.parse(JSON.stringify(unpackStrings(JSON.parse(JSON.stringify(packed)) as typeof packed)))).toEqual(JSON.parse(JSON.stringify(withProto)));
  });

  it('refuse a value that already holds a reference-shaped object', () => {
    expect(() => packStrings({ x: { $s: 1 } })).toThrow(/already holds/);
  });
});

describe('embedded JSON', () => {
  it('cannot end its script element or open a comment, and parses back to the same value', () => {
    const hostile = { raw: '</script><script>alert(1)</script><!-- \u2028 </SCRIPT >' };
    const text = embedJson(hostile);
    expect(text).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(text)).toEqual(hostile);
  });
});

describe('stringifyPacked', () => {
  it('writes exactly what packing and stringifying would, without the packed copy', () => {
    const value = { a: ['same text', 'same text', 'once only'], b: { reason: 'same text', n: 1, nested: [{ x: 'abcd' }, { x: 'abcd' }] }, c: null, d: 'x' };
    expect(stringifyPacked(value)).toBe(JSON.stringify(packStrings(value)));
    expect(unpackStrings(JSON.parse(stringifyPacked(value)) as ReturnType<typeof packStrings>)).toEqual(value);
  });

  it('refuses a value that already holds a reference-shaped object', () => {
    expect(() => stringifyPacked({ x: [{ $s: 0 }] })).toThrow(/already holds/);
  });
});
