import { describe, expect, it } from 'vitest';
import { costOfUsage, promptCacheSaving } from '../../src/cost/compute-cost.ts';
import { PRICE_TABLE, PRICES_CHECKED_ON } from '../../src/cost/price-table.ts';
import { priceKey, resolvePrice } from '../../src/cost/resolve-price.ts';
import { costOfTrial } from '../../src/cost/trial-cost.ts';
import { makeTarget } from '../support/fixtures.ts';

describe('the price table', () => {
  it('is dated, and every row prices a batch at half of each live price', () => {
    expect(PRICES_CHECKED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const rows of [PRICE_TABLE.openai, PRICE_TABLE.anthropic]) {
      for (const [model, p] of Object.entries(rows)) {
        expect([model, p.batchInput, p.batchOutput, p.batchCachedInput, p.batchCacheWrite]).toEqual([model, p.input / 2, p.output / 2, p.cachedInput / 2, p.cacheWrite / 2]);
        expect(p.cachedInput).toBeLessThan(p.input);
      }
    }
  });

  it('bills Anthropic cache writes at 1.25× the input price and OpenAI\'s at the input price', () => {
    for (const p of Object.values(PRICE_TABLE.anthropic)) expect(p.cacheWrite).toBeCloseTo(p.input * 1.25, 10);
    for (const p of Object.values(PRICE_TABLE.openai)) expect(p.cacheWrite).toBe(p.input);
  });
});

describe('resolvePrice', () => {
  it('prices a dated snapshot as its model, from the table', () => {
    expect(priceKey('gpt-4.1-mini-2025-04-14')).toBe('gpt-4.1-mini');
    expect(priceKey('claude-haiku-4-5-20251001')).toBe('claude-haiku-4-5');
    expect(priceKey('claude-sonnet-4-5-latest')).toBe('claude-sonnet-4-5');
    expect(resolvePrice(makeTarget('openai:gpt-4.1-mini-2025-04-14'))).toEqual({ source: 'table', price: PRICE_TABLE.openai['gpt-4.1-mini'] });
    expect(resolvePrice(makeTarget('anthropic:claude-haiku-4-5-20251001'))?.price.input).toBe(1);
  });

  it('says an unknown model has no price (never $0), and the mock is free', () => {
    expect(resolvePrice(makeTarget('openai:qwen2.5:7b'))).toBeUndefined();
    expect(resolvePrice(makeTarget('anthropic:claude-unknown-9'))).toBeUndefined();
    expect(resolvePrice(makeTarget('mock'))?.source).toBe('free');
    expect(costOfTrial([{ target: makeTarget('openai:qwen2.5:7b'), usage: { inputTokens: 10, outputTokens: 10 }, mode: 'live' }])).toEqual({ costUsd: null });
  });

  it('lets a target\'s price: override the table, with documented defaults for what it leaves out', () => {
    const target = makeTarget('openai:gpt-4.1-mini', { price: { inputPerMTok: 1, outputPerMTok: 4 } });
    expect(resolvePrice(target)).toEqual({
      source: 'config',
      price: { input: 1, cachedInput: 1, cacheWrite: 1, output: 4, batchInput: 0.5, batchCachedInput: 0.5, batchCacheWrite: 0.5, batchOutput: 2 },
    });
    const full = makeTarget('anthropic:x', { price: { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.2, cacheWritePerMTok: 2.5, batchInputPerMTok: 1.5, batchOutputPerMTok: 6 } });
    // The batch share of the input price (1.5 / 2) applies to cached reads and writes as well.
    expect(resolvePrice(full)?.price).toEqual({
      input: 2,
      cachedInput: 0.2,
      cacheWrite: 2.5,
      output: 8,
      batchInput: 1.5,
      batchCachedInput: expect.closeTo(0.15, 10),
      batchCacheWrite: expect.closeTo(1.875, 10),
      batchOutput: 6,
    });
  });
});

describe('costOfUsage', () => {
  const p = PRICE_TABLE.anthropic['claude-haiku-4-5']!; // $1 in, $0.10 cached, $1.25 write, $5 out
  it('charges cached input at the cached price and writes at the write price', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 600_000, cacheWriteTokens: 100_000 };
    // 300k plain × $1 + 600k × $0.10 + 100k × $1.25 + 100k out × $5
    expect(costOfUsage(p, usage, 'live')).toBeCloseTo(0.3 + 0.06 + 0.125 + 0.5, 10);
    expect(costOfUsage(p, usage, 'batch')).toBeCloseTo((0.3 + 0.06 + 0.125 + 0.5) / 2, 10);
    // Saved: 600k × $0.90, less the writes' premium 100k × $0.25.
    expect(promptCacheSaving(p, usage, 'live')).toBeCloseTo(0.54 - 0.025, 10);
    expect(promptCacheSaving(p, { inputTokens: 5, outputTokens: 5 }, 'live')).toBeUndefined();
  });

  it('adds the judge at its own price and mode to the reply', () => {
    const reply = { target: makeTarget('openai:gpt-4.1-mini'), usage: { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 500_000 }, mode: 'batch' as const };
    const judge = { target: makeTarget('anthropic:claude-haiku-4-5'), usage: { inputTokens: 0, outputTokens: 1_000_000 }, mode: 'live' as const };
    // Batch: 500k × $0.20 + 500k × $0.05; judge: 1M out × $5.
    expect(costOfTrial([reply, judge]).costUsd).toBeCloseTo(0.1 + 0.025 + 5, 10);
    expect(costOfTrial([reply, judge]).promptCacheSavingUsd).toBeCloseTo(500_000 * (0.2 - 0.05) / 1e6, 10);
  });
});
