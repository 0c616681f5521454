import { describe, expect, it } from 'vitest';
import type { FakeReply, RecordedRequest } from './fake-types.ts';
import { withCapacity, withRateLimit } from './server-limits.ts';

const request = (api: 'openai' | 'anthropic' = 'openai'): RecordedRequest => ({ api, path: '', headers: {}, body: {}, lastUserText: 'x', systemText: '', attempt: 1 });
const statusOf = (r: FakeReply) => ('fault' in r && r.fault === 'status' ? r.status : 200);

describe('withCapacity', () => {
  it('works on `capacity` requests at once and refuses the next at once with 429 and Retry-After: 1', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const server = withCapacity(async () => (await gate, { text: 'ok' }), { capacity: 2 });
    const first = server(request());
    const second = server(request());
    const third = await server(request());
    expect(third).toMatchObject({ fault: 'status', status: 429, retryAfter: '1' });
    release();
    expect((await Promise.all([first, second])).map(statusOf)).toEqual([200, 200]);
    expect(statusOf(await server(request()))).toBe(200);
  });
});

describe('withRateLimit', () => {
  it('reports the budget in OpenAI’s headers and refuses with remaining 0 once it is spent', async () => {
    let t = 0;
    const server = withRateLimit(() => ({ text: 'ok' }), { limit: 2, windowMs: 1000, now: () => t });
    expect(await server(request())).toMatchObject({ headers: { 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-reset-requests': '500ms' } });
    expect(await server(request())).toMatchObject({ headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1000ms' } });
    expect(await server(request())).toMatchObject({ fault: 'status', status: 429, retryAfterMs: 500, headers: { 'x-ratelimit-remaining-requests': '0' } });
    t = 500; // one request refilled
    expect(statusOf(await server(request()))).toBe(200);
  });

  it('speaks Anthropic’s headers to Anthropic requests, the reset as a time', async () => {
    const server = withRateLimit(() => ({ text: 'ok' }), { limit: 10, windowMs: 1000, now: () => Date.parse('2026-11-22T10:00:00Z') });
    expect(await server(request('anthropic'))).toMatchObject({
      headers: { 'anthropic-ratelimit-requests-limit': '10', 'anthropic-ratelimit-requests-remaining': '9', 'anthropic-ratelimit-requests-reset': '2026-11-22T10:00:00.100Z' },
    });
  });
});
