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

describe('callWithRetry: throttling retries within a time budget, other errors within a count', () => {
  /** A clock that moves only by the waits, and a call that fails with `fail(n)` until it returns undefined. */
  function scripted(fail: (n: number) => Error | undefined) {
    let t = 0;
    let calls = 0;
    const sleeps: number[] = [];
    const deps: RetryDeps = { sleep: async (ms) => void (sleeps.push(ms), (t += ms)), random: () => 1, now: () => t, redact: (x) => x };
    const call = async () => {
      const e = fail(++calls);
      if (e) throw e;
      return 'ok';
    };
    return { deps, call, sleeps, calls: () => calls };
  }
  const policy = { maxRetries: 2, throttleBudgetMs: 60_000, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 300_000 };

  it.each([
    ['429 with Retry-After', () => httpError(429, { 'retry-after': '1' })],
    ['529 without one', () => httpError(529)],
    ['503 with Retry-After', () => httpError(503, { 'retry-after': '1' })],
  ])('a %s is retried past maxRetries while the budget lasts', async (_what, error) => {
    const s = scripted((n) => (n <= 10 ? error() : undefined));
    const out = await callWithRetry(s.call, policy, s.deps);
    expect(out).toMatchObject({ value: 'ok', attempts: 11 });
  });

  it('gives up once the next wait would pass the budget, saying so', async () => {
    const s = scripted(() => httpError(429, { 'retry-after': '20' }));
    const err = (await callWithRetry(s.call, policy, s.deps).catch((e: unknown) => e)) as ProviderError;
    // Waits of 20 s at 0, 20 and 40 s; the fourth would end at 80 s, past 60.
    expect(s.sleeps).toEqual([20_000, 20_000, 20_000]);
    expect(err.attempts).toBe(4);
    expect(err.status).toBe(429);
    expect(err.message).toMatch(/still throttled after 4 attempts in 60 s; the target's throttleBudgetMs is 60000\)$/);
  });

  it('a 503 without Retry-After, a 500 or a dropped connection count against maxRetries, throttles in between not', async () => {
    const errors = [httpError(500), httpError(429, { 'retry-after-ms': '5' }), httpError(503), httpError(529), new TypeError('fetch failed')];
    const s = scripted((n) => errors[n - 1] ?? undefined);
    const err = (await callWithRetry(s.call, policy, s.deps).catch((e: unknown) => e)) as ProviderError;
    // 500, 503 and the dropped connection are three failures: one more than maxRetries 2.
    expect(err.attempts).toBe(5);
    expect(s.calls()).toBe(5);
  });

  it('does not retry a 429 that says the account is out of quota', async () => {
    const s = scripted(() => Object.assign(httpError(429, {}, '429 You exceeded your current quota'), { code: 'insufficient_quota' }));
    const err = (await callWithRetry(s.call, policy, s.deps).catch((e: unknown) => e)) as ProviderError;
    expect(err.attempts).toBe(1);
    expect(err.retryable).toBe(false);
  });
});

describe('ProviderError', () => {
  it('cuts a long message and says how long it was', () => {
    const e = new ProviderError(`HTTP 500: ${'x'.repeat(5_000_000)}`);
    expect(e.message.length).toBeLessThan(2100);
    expect(e.message).toMatch(/… \(cut: 5000010 characters in all\)$/);
  });
});
