import { describe, expect, it } from 'vitest';
import { estimateTextTokens, loadTokenCounter } from '../../src/cost/count-tokens.ts';
import { DEFAULT_EXPECTED_REPLY_TOKENS, estimateInputTokens, expectedReplyTokens } from '../../src/cost/estimate-call.ts';
import { createPlanEstimate } from '../../src/cost/plan-estimate.ts';
import { estimateSeconds } from '../../src/cost/time-estimate.ts';
import { makeTarget, makeVariant } from '../support/fixtures.ts';

describe('token counts', () => {
  it('use OpenAI\'s own tokenizer for OpenAI models', async () => {
    const counter = await loadTokenCounter({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect(counter.method).toBe('o200k_base');
    // "hello world" is two tokens in o200k_base; a long text is counted the same from the memo.
    expect(counter.count('hello world')).toBe(2);
    const long = '이사 준비하기: 짐 싸기, 업체 예약하기. '.repeat(40);
    expect(counter.count(long)).toBe(counter.count(long));
    expect((await loadTokenCounter({ provider: 'openai', model: 'gpt-4' })).method).toBe('cl100k_base');
  });

  it('estimate where no tokenizer is available: a token per 4 ASCII characters or per other character', async () => {
    expect((await loadTokenCounter({ provider: 'anthropic', model: 'claude-haiku-4-5' })).method).toBe('estimate');
    expect((await loadTokenCounter({ provider: 'openai', model: 'qwen2.5:7b' })).method).toBe('estimate');
    expect(estimateTextTokens('abcdefgh')).toBe(2);
    expect(estimateTextTokens('이사 준비')).toBe(5); // four syllables and a space (a quarter token, rounded up)
    expect(estimateTextTokens('😀')).toBe(1); // a surrogate pair is one character
  });

  it('counts a request as its texts plus the chat framing', async () => {
    const counter = await loadTokenCounter({ provider: 'anthropic', model: 'x' });
    const request = { system: 'abcd', messages: [{ role: 'user' as const, content: 'abcdabcd' }] };
    expect(estimateInputTokens(request, counter)).toBe(3 + (1 + 4) + (2 + 4));
  });

  it('expects a reply as long as the variant\'s examples show, capped at maxTokens', async () => {
    const counter = await loadTokenCounter({ provider: 'anthropic', model: 'x' });
    expect(expectedReplyTokens(makeVariant('v'), counter, 1024)).toBe(DEFAULT_EXPECTED_REPLY_TOKENS);
    expect(expectedReplyTokens(makeVariant('v'), counter, 100)).toBe(100);
    const variant = makeVariant('v', { examples: [{ input: 'a', output: { type: 'invalid', message: 'no' } }] });
    expect(expectedReplyTokens(variant, counter, 1024)).toBe(estimateTextTokens('{"type":"invalid","content":"no"}'));
  });
});

describe('time estimates', () => {
  it('take the slowest of concurrency, rpm and tpm', () => {
    expect(estimateSeconds({ calls: 100, tokensPerCall: 1000, concurrency: 10, simulated: false })).toEqual({ seconds: 20, bound: 'concurrency' });
    expect(estimateSeconds({ calls: 100, tokensPerCall: 1000, concurrency: 10, rpm: 60, simulated: false })).toEqual({ seconds: 100, bound: 'rpm' });
    expect(estimateSeconds({ calls: 100, tokensPerCall: 1000, concurrency: 10, rpm: 600, tpm: 30_000, simulated: false })).toEqual({ seconds: 200, bound: 'tpm' });
    expect(estimateSeconds({ calls: 100, tokensPerCall: 1000, concurrency: 10, simulated: true }).seconds).toBe(0);
  });
});

describe('createPlanEstimate', () => {
  it('adds up calls per target and cell, prices only what is called, and leaves an unknown price unknown', () => {
    const known = makeTarget('openai:gpt-4.1-mini');
    const unknown = makeTarget('openai:local-model');
    const plan = createPlanEstimate({ mode: 'live', concurrency: 4, batchSupport: () => 'yes', tokenizerOf: () => 'estimate' });
    plan.addReply('v', known, { cached: false, inputTokens: 1_000_000, expectedOutputTokens: 100_000, maxOutputTokens: 1_000_000 });
    plan.addReply('v', known, { cached: true, inputTokens: 999, expectedOutputTokens: 999, maxOutputTokens: 999 });
    plan.addReply('v', unknown, { cached: false, inputTokens: 10, expectedOutputTokens: 10, maxOutputTokens: 10 });
    const report = plan.finish({ plannedCalls: 5, alreadyDone: 2 });
    const row = report.targets.find((t) => t.target === known.id);
    expect(row).toMatchObject({ calls: 2, cached: 1, toCall: 1, inputTokens: 1_000_000, expectedOutputTokens: 100_000 });
    // $0.40 input + 100k × $1.60; at most 1M × $1.60; a batch at half.
    expect(row?.costUsd?.live).toBeCloseTo(0.4 + 0.16, 10);
    expect(row?.costUsd?.liveMax).toBeCloseTo(0.4 + 1.6, 10);
    expect(row?.costUsd?.batch).toBeCloseTo(0.28, 10);
    expect(report.targets.find((t) => t.target === unknown.id)?.costUsd).toBeNull();
    expect(report.total).toMatchObject({ toCall: 2, unpricedTargets: [unknown.id] });
    expect(report.total.costUsd).toBeCloseTo(0.56, 10);
    expect(report.cells).toEqual([
      { variant: 'v', target: known.id, calls: 2, cached: 1, toCall: 1 },
      { variant: 'v', target: unknown.id, calls: 1, cached: 0, toCall: 1 },
    ]);
  });
});
