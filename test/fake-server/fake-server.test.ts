import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  echoResponder,
  startFakeServer,
  withFaults,
  withLatency,
  type FakeReply,
  type FakeServer,
  type FaultKind,
} from './fake-server.ts';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

const openaiFor = (s: FakeServer, maxRetries = 0, timeout = 2_000): OpenAI =>
  new OpenAI({ apiKey: 'sk-test', baseURL: s.openaiBaseURL, maxRetries, timeout });
const anthropicFor = (s: FakeServer, maxRetries = 0, timeout = 2_000): Anthropic =>
  new Anthropic({ apiKey: 'sk-ant-test', baseURL: s.anthropicBaseURL, maxRetries, timeout });

const askOpenAI = (client: OpenAI, text: string) =>
  client.chat.completions.create({
    model: 'gpt-fake',
    messages: [
      { role: 'system', content: '너는 플래너야.' },
      { role: 'user', content: text },
    ],
  });
const askAnthropic = (client: Anthropic, text: string) =>
  client.messages.create({
    model: 'claude-fake',
    max_tokens: 256,
    system: '너는 플래너야.',
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  });

/** What a call ended in, as a short comparable label. */
async function settle(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.constructor.name : 'thrown';
  }
}

describe('successful replies', () => {
  it('round-trips text and usage through the OpenAI SDK and records the request', async () => {
    server.setResponder(() => ({ text: '{"type":"answer","items":["a"]}', usage: { input: 11, output: 7 } }));
    const completion = await askOpenAI(openaiFor(server), '집 청소하기');
    expect(completion.choices[0]?.message.content).toBe('{"type":"answer","items":["a"]}');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.model).toBe('gpt-fake');
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      api: 'openai',
      path: '/v1/chat/completions',
      lastUserText: '집 청소하기',
      systemText: '너는 플래너야.',
      attempt: 1,
    });
    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-test');
  });

  it('round-trips text and usage through the Anthropic SDK and records the request', async () => {
    server.setResponder(() => ({ text: '안녕', usage: { input: 5, output: 2 } }));
    const message = await askAnthropic(anthropicFor(server), '장보기');
    expect(message.content).toEqual([{ type: 'text', text: '안녕', citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 5, output_tokens: 2 });
    expect(server.requests[0]).toMatchObject({
      api: 'anthropic',
      path: '/v1/messages',
      lastUserText: '장보기',
      systemText: '너는 플래너야.',
    });
  });

  it('estimates usage from text lengths when the reply gives none', async () => {
    server.setResponder(echoResponder((req) => `${req.lastUserText}!`));
    const completion = await askOpenAI(openaiFor(server), '보고서 제출하기');
    expect(completion.choices[0]?.message.content).toBe('보고서 제출하기!');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(5);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(5);
  });
});

describe('status faults', () => {
  it('has a 429 with Retry-After: 0 retried by the OpenAI SDK, then succeeds', async () => {
    server.setResponder((req) =>
      req.attempt === 1 ? { fault: 'status', status: 429, retryAfter: '0' } : { text: 'after retry' },
    );
    const completion = await askOpenAI(openaiFor(server, 2), 'x');
    expect(completion.choices[0]?.message.content).toBe('after retry');
    expect(server.requests.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('has a 429 with retry-after-ms retried by the Anthropic SDK, then succeeds', async () => {
    server.setResponder((req) =>
      req.attempt === 1 ? { fault: 'status', status: 429, retryAfter: '30', retryAfterMs: 5 } : { text: 'after retry' },
    );
    const started = Date.now();
    const message = await askAnthropic(anthropicFor(server, 2), 'x');
    expect(message.content[0]).toMatchObject({ text: 'after retry' });
    expect(server.requests).toHaveLength(2);
    // retry-after-ms wins over Retry-After: no 30 s wait.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives an APIError with status 500 when the client does not retry', async () => {
    server.setResponder(() => ({ fault: 'status', status: 500 }));
    const error: unknown = await askOpenAI(openaiFor(server, 0), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 500, type: 'server_error' });
    expect(server.requests).toHaveLength(1);
  });

  it('gives an OverloadedError for a 529 from the Anthropic API', async () => {
    server.setResponder(() => ({ fault: 'status', status: 529 }));
    const error: unknown = await askAnthropic(anthropicFor(server, 0), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect(error).toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('echoes the key into the error message only when echoKey is set', async () => {
    server.setResponder(() => ({ fault: 'status', status: 401, echoKey: true }));
    await expect(askOpenAI(openaiFor(server), 'x')).rejects.toThrow('sk-test');
    await expect(askAnthropic(anthropicFor(server), 'x')).rejects.toThrow('sk-ant-test');
    server.setResponder(() => ({ fault: 'status', status: 401 }));
    const error: unknown = await askOpenAI(openaiFor(server), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(String(error)).not.toContain('sk-test');
  });

  it('refuses a streaming call with a 400 that says why', async () => {
    const call = openaiFor(server).chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] });
    await expect(call).rejects.toThrow('streaming is not supported');
  });

  it('sends a raw body verbatim', async () => {
    server.setResponder(() => ({ fault: 'status', status: 400, body: '{"error":{"message":"custom text"}}' }));
    await expect(askOpenAI(openaiFor(server), 'x')).rejects.toThrow('400 custom text');
  });
});

describe('connection faults', () => {
  const cases: Array<{ fault: 'reset' | 'truncate' | 'badjson'; openai: string; anthropic: string }> = [
    { fault: 'reset', openai: 'APIConnectionError', anthropic: 'APIConnectionError' },
    { fault: 'truncate', openai: 'TypeError', anthropic: 'TypeError' },
    { fault: 'badjson', openai: 'SyntaxError', anthropic: 'SyntaxError' },
  ];
  it.each(cases)('$fault fails promptly with $openai', async ({ fault, openai, anthropic }) => {
    server.setResponder(() => ({ fault }));
    const started = Date.now();
    expect(await settle(askOpenAI(openaiFor(server), 'x'))).toBe(openai);
    expect(await settle(askAnthropic(anthropicFor(server), 'x'))).toBe(anthropic);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('hang times out with APIConnectionTimeoutError and close() still resolves at once', async () => {
    const hanging = await startFakeServer({ responder: () => ({ fault: 'hang' }) });
    const error: unknown = await askOpenAI(openaiFor(hanging, 0, 200), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    // A second hanging request is still open when the server closes.
    const pending = settle(askAnthropic(anthropicFor(hanging, 0, 5_000), 'x'));
    await expect.poll(() => hanging.requests.length).toBe(2);
    const started = Date.now();
    await hanging.close();
    expect(Date.now() - started).toBeLessThan(200);
    expect(await pending).toBe('APIConnectionError');
  });
});

describe('HTTP edges (plain fetch: an SDK cannot send these)', () => {
  it('answers an unknown path with a 404 JSON', async () => {
    const response = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('/v1/embeddings') } });
  });

  it.each([
    { path: '/v1/chat/completions', shape: { error: { type: 'invalid_request_error' } } },
    { path: '/v1/messages', shape: { type: 'error', error: { type: 'invalid_request_error' } } },
  ])('answers a body that is not JSON on $path with a 400 in the provider shape', async ({ path, shape }) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', body: '{nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject(shape);
    expect(server.requests).toHaveLength(0);
  });
});

describe('withFaults and withLatency through the SDKs', () => {
  const faultOptions = { rate: 0.5, seed: 7, retryAfterMs: 1, kinds: ['429', '500', '529', 'reset', 'badjson'] as FaultKind[] };

  async function runFaultySequence(): Promise<string[]> {
    const faulty = await startFakeServer({ responder: withFaults(echoResponder(), faultOptions) });
    try {
      const client = openaiFor(faulty, 0);
      // Concurrent on purpose: the fault a request gets must not depend on arrival order.
      return await Promise.all(Array.from({ length: 16 }, (_, i) => settle(askOpenAI(client, `할 일 ${i}`))));
    } finally {
      await faulty.close();
    }
  }

  it('injects the same faults for the same seed, whatever the arrival order', async () => {
    const first = await runFaultySequence();
    const second = await runFaultySequence();
    expect(second).toEqual(first);
    expect(first.filter((label) => label === 'ok').length).toBeGreaterThan(2);
    expect(first.filter((label) => label !== 'ok').length).toBeGreaterThan(2);
  });

  it('lets every request through eventually when only first attempts fail', async () => {
    const kinds: FaultKind[] = ['429', '500', '503', '529', 'reset', 'hang'];
    server.setResponder(withFaults(echoResponder(), { rate: 1, seed: 3, kinds, retryAfterSeconds: 0, retryAfterMs: 1 }));
    const openai = openaiFor(server, 1, 300);
    const anthropic = anthropicFor(server, 1, 300);
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? askOpenAI(openai, `o${i}`).then((c) => c.choices[0]?.message.content)
          : askAnthropic(anthropic, `a${i}`).then((m) => (m.content[0]?.type === 'text' ? m.content[0].text : '')),
      ),
    );
    expect(replies).toEqual(['o0', 'a1', 'o2', 'a3', 'o4', 'a5']);
    expect(server.requests.filter((r) => r.attempt === 1)).toHaveLength(6);
    expect(server.requests.filter((r) => r.attempt === 2)).toHaveLength(6);
  });

  it('applies latency before answering', async () => {
    server.setResponder(withLatency(() => ({ text: 'slow' }) satisfies FakeReply, 150));
    const started = Date.now();
    await askAnthropic(anthropicFor(server), 'x');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1_500);
  });
});
