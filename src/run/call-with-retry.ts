import { ProviderError, toProviderError } from './providers/provider-error.ts';

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff; doubles each retry. */
  baseDelayMs: number;
  /** Cap on our own backoff. */
  maxDelayMs: number;
  /** Cap on a server's Retry-After: honoured well past our own backoff, but not forever. */
  maxRetryAfterMs: number;
}

export interface RetryDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  redact: (text: string) => string;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'maxRetries'> = { baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/**
 * The one place that decides retries (the SDKs' own are off): backoff with full jitter, or the
 * server's Retry-After when it gave one. Returns the value, how many attempts it took and how long
 * the last one lasted (the model's latency, without our waiting); throws a ProviderError carrying
 * the attempts when it gives up. `stop` ends the waiting: no new attempt starts after it.
 */
export async function callWithRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
  stop?: AbortSignal,
): Promise<{ value: T; attempts: number; lastAttemptMs: number }> {
  for (let attempt = 1; ; attempt++) {
    const started = deps.now();
    try {
      const value = await call();
      return { value, attempts: attempt, lastAttemptMs: deps.now() - started };
    } catch (e) {
      const error = toProviderError(e, deps.redact, deps.now());
      if (!error.retryable || attempt > policy.maxRetries || stop?.aborted) {
        throw new ProviderError(error.message, { status: error.status, retryable: error.retryable, attempts: attempt });
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * deps.random();
      const wait = error.retryAfterMs === undefined ? backoff : Math.min(policy.maxRetryAfterMs, error.retryAfterMs);
      await deps.sleep(wait, stop);
      if (stop?.aborted) throw new ProviderError(error.message, { status: error.status, retryable: true, attempts: attempt });
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
