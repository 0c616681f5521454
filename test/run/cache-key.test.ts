import { describe, expect, it } from 'vitest';
import { buildCacheKey, type CacheKeyInput } from '../../src/run/cache/cache-key.ts';
import { parseEntry, serializeEntry } from '../../src/run/cache/cache-entry.ts';

const BASE: CacheKeyInput = {
  purpose: 'reply',
  provider: 'openai',
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4.1-mini',
  params: { temperature: 0.2, maxTokens: 512 },
  system: '플래너입니다.',
  messages: [{ role: 'user', content: '이사 준비하기' }],
  repeat: 0,
};

describe('buildCacheKey', () => {
  it('is a sha256 hex digest, the same for the same input', () => {
    expect(buildCacheKey(BASE)).toMatch(/^[0-9a-f]{64}$/);
    expect(buildCacheKey({ ...BASE })).toBe(buildCacheKey(BASE));
  });

  it('does not depend on the order of keys (canonical JSON)', () => {
    const reordered: CacheKeyInput = {
      repeat: 0,
      messages: [{ content: '이사 준비하기', role: 'user' }],
      system: BASE.system,
      params: { maxTokens: 512, temperature: 0.2 },
      model: BASE.model,
      baseURL: BASE.baseURL,
      provider: 'openai',
      purpose: 'reply',
    };
    expect(buildCacheKey(reordered)).toBe(buildCacheKey(BASE));
  });

  it.each<[string, Partial<CacheKeyInput>]>([
    ['purpose', { purpose: 'judge' }],
    ['provider', { provider: 'anthropic' }],
    ['base URL', { baseURL: 'http://localhost:11434/v1' }],
    ['model', { model: 'gpt-4.1' }],
    ['a param value', { params: { temperature: 0.3, maxTokens: 512 } }],
    ['a param more', { params: { temperature: 0.2, maxTokens: 512, seed: 1 } }],
    ['a param less', { params: { temperature: 0.2 } }],
    ['system', { system: '플래너입니다!' }],
    ['a message text', { messages: [{ role: 'user', content: '이사 준비' }] }],
    ['a message role', { messages: [{ role: 'assistant', content: '이사 준비하기' }] }],
    ['one more turn', { messages: [...BASE.messages, { role: 'assistant', content: '네' }] }],
    ['the repeat index', { repeat: 1 }],
    ['no repeat index', { repeat: undefined }],
  ])('changes with %s', (_what, change) => {
    expect(buildCacheKey({ ...BASE, ...change })).not.toBe(buildCacheKey(BASE));
  });

  it('ignores undefined params (they are not sent)', () => {
    expect(buildCacheKey({ ...BASE, params: { ...BASE.params, topP: undefined } })).toBe(buildCacheKey(BASE));
  });
});

describe('cache entries', () => {
  const entry = { text: '{"type":"answer","items":["짐 싸기"]}', usage: { inputTokens: 12, outputTokens: 7 }, latencyMs: 321 };

  it('round-trip', () => {
    expect(parseEntry(serializeEntry(entry))).toEqual(entry);
  });

  it.each([
    ['empty file', ''],
    ['half a file', serializeEntry(entry).slice(0, 20)],
    ['not an object', '[1,2]'],
    ['another format version', JSON.stringify({ v: 999, text: 'x', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1 })],
    ['no text', JSON.stringify({ v: 1, usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1 })],
    ['bad usage', JSON.stringify({ v: 1, text: 'x', usage: { inputTokens: -1, outputTokens: 1 }, latencyMs: 1 })],
    ['no latency', JSON.stringify({ v: 1, text: 'x', usage: { inputTokens: 1, outputTokens: 1 } })],
  ])('a %s reads as a miss', (_what, text) => {
    expect(parseEntry(text)).toBeUndefined();
  });
});
