import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResult } from '../../../src/run/batch/anthropic-batch-client.ts';
import type { BatchClient } from '../../../src/run/batch/batch-client.ts';
import { openStateLog, readBatchState } from '../../../src/run/batch/batch-state.ts';
import { createChunkWriter } from '../../../src/run/batch/chunk-writer.ts';
import { readLine } from '../../../src/run/batch/openai-batch-client.ts';
import type { CompletionRequest } from '../../../src/run/providers/provider.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'batch-pieces-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request: CompletionRequest = { model: 'm', system: 's', messages: [{ role: 'user', content: '이사 준비하기' }], params: {} };
const client = { api: 'openai', formatLine: (id: string) => Promise.resolve(JSON.stringify({ custom_id: id, body: 'x'.repeat(20) })) } as unknown as BatchClient;

describe('createChunkWriter', () => {
  it('starts a new file at the request limit and at the byte limit, and reports each file once whole', async () => {
    const chunks: { key: string; requests: number }[] = [];
    let n = 0;
    const writer = createChunkWriter({ dir, phase: 'reply', target: { id: 't' }, client, limits: { requests: 3, bytes: 150 }, nextKey: () => `k${++n}`, onChunk: (c) => chunks.push({ key: c.key, requests: c.requests }) });
    for (let i = 0; i < 7; i++) await writer.add(`id${i}`, request);
    expect(chunks).toEqual([
      { key: 'k1', requests: 3 },
      { key: 'k2', requests: 3 },
    ]);
    writer.close();
    expect(chunks.at(-1)).toEqual({ key: 'k3', requests: 1 });
    expect(readFileSync(join(dir, 'k1.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { custom_id: string }).custom_id)).toEqual(['id0', 'id1', 'id2']);
    const small: number[] = [];
    const bytes = createChunkWriter({ dir, phase: 'reply', target: { id: 't' }, client, limits: { requests: 100, bytes: 100 }, nextKey: () => `b${++n}`, onChunk: (c) => small.push(c.requests) });
    for (let i = 0; i < 5; i++) await bytes.add(`id${i}`, request); // ~45 bytes a line: two fit in 100
    bytes.close();
    expect(small).toEqual([2, 2, 1]);
  });
});

describe('batch state', () => {
  it('reads back chunks and their events, skipping a line torn by a kill', () => {
    const log = openStateLog(dir);
    log.append({ kind: 'chunk', key: 'a', phase: 'reply', target: 't', file: 'a.jsonl', requests: 2, at: 'x' });
    log.append({ kind: 'uploaded', key: 'a', fileId: 'file-1', at: 'x' });
    log.append({ kind: 'submitting', key: 'a', at: '2026-11-30T00:00:00.000Z' });
    log.append({ kind: 'submitted', key: 'a', batchId: 'batch_1', at: 'x' });
    log.append({ kind: 'chunk', key: 'b', phase: 'judge', target: 'j', file: 'b.jsonl', requests: 1, at: 'x' });
    log.close();
    appendFileSync(join(dir, 'state.jsonl'), '{"kind":"read","key":"a","sta');
    expect(readBatchState(dir)).toEqual([
      { key: 'a', phase: 'reply', target: 't', file: 'a.jsonl', requests: 2, fileId: 'file-1', submittingAt: '2026-11-30T00:00:00.000Z', batchId: 'batch_1', cancelled: false, read: false },
      { key: 'b', phase: 'judge', target: 'j', file: 'b.jsonl', requests: 1, cancelled: false, read: false },
    ]);
  });
});

describe('reading provider results', () => {
  const redact = (t: string) => t.replaceAll('sk-secret', '[redacted]');
  it('OpenAI: a 200 line is an answer with its cached tokens; errors, expiry and cancellation say which', () => {
    const ok = { custom_id: 'a', response: { status_code: 200, body: { choices: [{ message: { content: 'hi sk-secret' } }], usage: { prompt_tokens: 10, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } } } }, error: null };
    expect(readLine(JSON.stringify(ok), redact)).toEqual({ customId: 'a', answer: { text: 'hi [redacted]', usage: { inputTokens: 10, outputTokens: 2, cachedInputTokens: 4 } } });
    const failed = { custom_id: 'b', response: { status_code: 400, body: { error: { message: 'bad model' } } }, error: null };
    expect(readLine(JSON.stringify(failed), redact)).toEqual({ customId: 'b', error: { status: 400, message: 'batch: HTTP 400: bad model' } });
    expect(readLine(JSON.stringify({ custom_id: 'c', response: null, error: { code: 'batch_expired', message: 'x' } }), redact).error?.message).toMatch(/expired/);
    expect(readLine(JSON.stringify({ custom_id: 'd', response: null, error: { code: 'batch_cancelled', message: 'x' } }), redact).error?.message).toMatch(/cancelled/);
  });

  it('Anthropic: succeeded, errored, expired and canceled results', () => {
    const message = { content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: 3, output_tokens: 1, cache_read_input_tokens: 5, cache_creation_input_tokens: 0 } };
    expect(readResult({ custom_id: 'a', result: { type: 'succeeded', message } } as never, redact)).toEqual({ customId: 'a', answer: { text: 'ok', usage: { inputTokens: 8, outputTokens: 1, cachedInputTokens: 5 } } });
    expect(readResult({ custom_id: 'b', result: { type: 'errored', error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } } } as never, redact).error?.message).toBe('batch: overloaded_error: Overloaded');
    expect(readResult({ custom_id: 'c', result: { type: 'expired' } } as never, redact).error?.message).toMatch(/expired/);
    expect(readResult({ custom_id: 'd', result: { type: 'canceled' } } as never, redact).error?.message).toMatch(/cancelled/);
  });
});
