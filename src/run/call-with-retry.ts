import { ProviderError, toProviderError } from './providers/provider-error.ts';

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff; doubles each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  redact: (text: string) => string;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'maxRetries'> = { baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * The one place that decides retries (the SDKs' own are off): backoff with full jitter, or the
 * server's Retry-After when it gave one. Returns the value and how many attempts it took; throws
 * a ProviderError carrying the attempts when it gives up.
 */
export async function callWithRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
  signal?: AbortSignal,
): Promise<{ value: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call(), attempts: attempt };
    } catch (e) {
      const error = toProviderError(e, deps.redact, deps.now());
      if (!error.retryable || attempt > policy.maxRetries || signal?.aborted) {
        throw new ProviderError(error.message, { status: error.status, retryable: error.retryable, attempts: attempt });
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * deps.random();
      await deps.sleep(Math.min(policy.maxDelayMs, error.retryAfterMs ?? backoff), signal);
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
