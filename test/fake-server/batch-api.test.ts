import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { toStreamingFile } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from './fake-server.ts';

let server: FakeServer;
let dir: string;

beforeEach(async () => {
  server = await startFakeServer();
  dir = mkdtempSync(join(tmpdir(), 'batch-api-'));
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const chat = (text: string) => ({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: text }], max_completion_tokens: 100 });
const message = (text: string) => ({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user' as const, content: text }] });

async function readLines(response: Response): Promise<Record<string, unknown>[]> {
  return (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('fake OpenAI Files + Batches, through the official SDK', () => {
  it('uploads a streamed JSONL file, runs a batch over time, and returns the output and error files', async () => {
    server.setBatchProcessingMs(40);
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const path = join(dir, 'in.jsonl');
    const lines = ['이사 준비하기', '[[reply: provider_error]]', '[[batch: expire]]'].map((text, i) => JSON.stringify({ custom_id: `t${i}`, method: 'POST', url: '/v1/chat/completions', body: chat(text) }));
    writeFileSync(path, `${lines.join('\n')}\n`);
    const file = await client.files.create({ file: toStreamingFile(createReadStream(path), 'in.jsonl'), purpose: 'batch' });
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', bytes: Buffer.byteLength(`${lines.join('\n')}\n`) });
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { chunk: 'c1' } });
    expect(created).toMatchObject({ status: 'validating', request_counts: { total: 3, completed: 0, failed: 0 }, metadata: { chunk: 'c1' } });
    let batch = created;
    while (!['completed', 'expired', 'failed', 'cancelled'].includes(batch.status)) {
      await new Promise((r) => setTimeout(r, 10));
      batch = await client.batches.retrieve(created.id);
    }
    expect(batch).toMatchObject({ status: 'expired', request_counts: { total: 3, completed: 1, failed: 2 } });
    const out = await readLines(await client.files.content(batch.output_file_id!));
    expect(out).toEqual([{ id: expect.any(String), custom_id: 't0', error: null, response: { status_code: 200, request_id: expect.any(String), body: expect.objectContaining({ object: 'chat.completion' }) } }]);
    const errors = await readLines(await client.files.content(batch.error_file_id!));
    expect(errors.map((e) => [e['custom_id'], (e['response'] as { status_code?: number } | null)?.status_code ?? (e['error'] as { code: string }).code])).toEqual([
      ['t1', 500],
      ['t2', 'batch_expired'],
    ]);
    const listed = await client.batches.list({ limit: 10 });
    expect(listed.data.map((b) => b.id)).toEqual([created.id]);
    const byPath = (p: string, m: string) => server.requests.filter((r) => r.path === p && r.method === m).length;
    expect([byPath('/v1/files', 'POST'), byPath('/v1/batches', 'POST')]).toEqual([1, 1]);
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions' && r.batchId === undefined)).toHaveLength(0);
  });

  it('cancels a batch: the requests not yet run are cancelled', async () => {
    server.setBatchProcessingMs(60_000);
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const path = join(dir, 'in.jsonl');
    writeFileSync(path, `${JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: chat('x') })}\n`);
    const file = await client.files.create({ file: toStreamingFile(createReadStream(path), 'in.jsonl'), purpose: 'batch' });
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    expect((await client.batches.cancel(created.id)).status).toBe('cancelling');
    const batch = await client.batches.retrieve(created.id);
    expect(batch).toMatchObject({ status: 'cancelled', request_counts: { total: 1, completed: 0, failed: 1 }, output_file_id: null });
    expect((await readLines(await client.files.content(batch.error_file_id!)))[0]).toMatchObject({ custom_id: 'a', error: { code: 'batch_cancelled' } });
  });
});

describe('fake Anthropic Message Batches, through the official SDK', () => {
  it('creates a batch, shows its counts while processing, and streams its results', async () => {
    server.setBatchProcessingMs(40);
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const created = await client.messages.batches.create({
      requests: ['보고서 쓰기', '[[reply: provider_error]]', '[[batch: expire]]'].map((text, i) => ({ custom_id: `t${i}`, params: message(text) })),
    });
    expect(created).toMatchObject({ processing_status: 'in_progress', request_counts: { processing: 3, succeeded: 0 }, results_url: null });
    let batch = created;
    while (batch.processing_status !== 'ended') {
      await new Promise((r) => setTimeout(r, 10));
      batch = await client.messages.batches.retrieve(created.id);
    }
    expect(batch.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 1, canceled: 0, expired: 1 });
    const results = [];
    for await (const r of await client.messages.batches.results(created.id)) results.push(r);
    expect(results.map((r) => [r.custom_id, r.result.type])).toEqual([
      ['t0', 'succeeded'],
      ['t1', 'errored'],
      ['t2', 'expired'],
    ]);
    const ok = results[0]?.result;
    expect(ok?.type === 'succeeded' ? ok.message.content[0] : undefined).toMatchObject({ type: 'text', text: expect.stringContaining('보고서 쓰기') });
    const cancelled = await client.messages.batches.create({ requests: [{ custom_id: 'z', params: message('y') }] });
    server.setBatchProcessingMs(60_000);
    expect((await client.messages.batches.cancel(cancelled.id)).processing_status).toBe('canceling');
    const ended = await client.messages.batches.retrieve(cancelled.id);
    expect(ended).toMatchObject({ processing_status: 'ended', request_counts: { canceled: 1 } });
  });
});
