import { describe, expect, it } from 'vitest';
import { callWithRetry, type RetryDeps } from '../../src/run/call-with-retry.ts';
import { ProviderError } from '../../src/run/providers/provider-error.ts';
import { parseRetryAfter } from '../../src/run/providers/retry-after.ts';

function deps(sleeps: number[]): RetryDeps {
  return { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, now: () => 0, redact: (t) => t.replaceAll('sk-secret-123456', '[redacted]') };
}

/** An SDK-shaped error: what openai/anthropic throw for an HTTP status. */
function httpError(status: number, headers: Record<string, string> = {}, message = `${status} failed`) {
  return Object.assign(new Error(message), { status, headers: new Headers(headers) });
}

describe('callWithRetry', () => {
  it('retries retryable statuses with exponential backoff and counts attempts', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const out = await callWithRetry(
      async () => {
        calls++;
        if (calls < 3) throw httpError(503);
        return 'ok';
      },
      { maxRetries: 3, throttleBudgetMs: 300_000, baseDelayMs: 100, maxDelayMs: 10_000, maxRetryAfterMs: 300_000 },
      deps(sleeps),
    );
    expect(out).toMatchObject({ value: 'ok', attempts: 3 });
    expect(sleeps).toEqual([50, 100]); // 100·2^n × jitter 0.5
  });

  it('honours Retry-After and retry-after-ms over its own backoff', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await callWithRetry(
      async () => {
        calls++;
        if (calls === 1) throw httpError(429, { 'retry-after': '2' });
        if (calls === 2) throw httpError(529, { 'retry-after-ms': '15' });
        return 'ok';
      },
      { maxRetries: 5, throttleBudgetMs: 300_000, baseDelayMs: 100, maxDelayMs: 10_000, maxRetryAfterMs: 300_000 },
      deps(sleeps),
    );
    expect(sleeps).toEqual([2000, 15]);
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
    let calls = 0;
    const err = await callWithRetry(
      async () => {
        calls++;
        throw httpError(status);
      },
      { maxRetries: 3, throttleBudgetMs: 300_000, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 300_000 },
      deps([]),
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(status);
    expect((err as ProviderError).attempts).toBe(1);
  });

  it('gives up after maxRetries with the attempts and a redacted message', async () => {
    const err = (await callWithRetry(
      async () => {
        throw httpError(500, {}, 'bad key sk-secret-123456 echoed');
      },
      { maxRetries: 2, throttleBudgetMs: 300_000, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 300_000 },
      deps([]),
    ).catch((e: unknown) => e)) as ProviderError;
    expect(err.attempts).toBe(3);
    expect(err.message).toContain('[redacted]');
    expect(err.message).not.toContain('sk-secret-123456');
  });

  it('retries a dropped connection (no status)', async () => {
    let calls = 0;
    const out = await callWithRetry(
      async () => {
        calls++;
        if (calls === 1) throw new TypeError('terminated');
        return 1;
      },
      { maxRetries: 1, throttleBudgetMs: 300_000, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 300_000 },
      deps([]),
    );
    expect(out.attempts).toBe(2);
  });
});

describe('parseRetryAfter', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it.each([
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': 'Thu, 01 Jan 1970 00:00:10 GMT' }, 10_000],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s ms', (headers, ms) => {
    expect(parseRetryAfter(h(headers), 0)).toBe(ms);
  });
});

describe('callWithRetry timing', () => {
  it('reports the last attempt\'s duration, not the waiting between attempts', async () => {
    let t = 0;
    let calls = 0;
    const out = await callWithRetry(
      async () => {
        calls++;
        t += calls === 1 ? 5 : 70; // first attempt 5 ms then fails; the second takes 70 ms
        if (calls === 1) throw httpError(503);
        return 'ok';
      },
      { maxRetries: 2, throttleBudgetMs: 300_000, baseDelayMs: 1000, maxDelayMs: 1000, maxRetryAfterMs: 300_000 },
      { sleep: async (ms) => void (t += ms), random: () => 1, now: () => t, redact: (x) => x },
    );
    expect(out.lastAttemptMs).toBe(70);
  });

  it('honours a Retry-After longer than its own backoff cap, up to maxRetryAfterMs', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await callWithRetry(
      async () => {
        calls++;
        if (calls === 1) throw httpError(429, { 'retry-after': '60' });
        if (calls === 2) throw httpError(429, { 'retry-after': '9999' });
        return 'ok';
      },
      { maxRetries: 3, throttleBudgetMs: 300_000, baseDelayMs: 100, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 },
      deps(sleeps),
    );
    expect(sleeps).toEqual([60_000, 300_000]);
  });

  it('gives up at once when stopped during a backoff', async () => {
    const stop = new AbortController();
    let calls = 0;
    const err = await callWithRetry(
      async () => {
        calls++;
        throw httpError(503);
      },
      { maxRetries: 5, throttleBudgetMs: 300_000, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
      { sleep: async () => stop.abort(), random: () => 1, now: () => 0, redact: (x) => x },
      stop.signal,
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toBeInstanceOf(ProviderError);
  });
});
