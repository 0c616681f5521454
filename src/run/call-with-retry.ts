import type { Target } from '../config/target-schema.ts';
import { isThrottle, ProviderError, toProviderError } from './providers/provider-error.ts';

export interface RetryPolicy {
  /** Retries for errors other than throttling (5xx, dropped connections, timeouts). */
  maxRetries: number;
  /** How long a call keeps retrying throttled replies (429, 529, 503 with Retry-After), from its first attempt, waits included. */
  throttleBudgetMs: number;
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

export const DEFAULT_RETRY: Omit<RetryPolicy, 'maxRetries' | 'throttleBudgetMs'> = { baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/** A target's own retry settings over the shared backoff. */
export function retryPolicy(target: Pick<Target, 'maxRetries' | 'throttleBudgetMs'>): RetryPolicy {
  return { maxRetries: target.maxRetries, throttleBudgetMs: target.throttleBudgetMs, ...DEFAULT_RETRY };
}

/**
 * The one place that decides retries (the SDKs' own are off): backoff with full jitter, or the
 * server's Retry-After when it gave one. A reply that says "slow down" (see isThrottle) is retried
 * for as long as the call's time budget allows, however many times: at 20% random 429s a fixed
 * count loses calls that were never at fault. Any other retryable error counts against
 * `maxRetries`. Returns the value, how many attempts it took and how long the last one lasted (the
 * model's latency, without our waiting); throws a ProviderError carrying the attempts when it
 * gives up. `stop` ends the waiting: no new attempt starts after it.
 */
export async function callWithRetry<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
  stop?: AbortSignal,
): Promise<{ value: T; attempts: number; lastAttemptMs: number }> {
  const first = deps.now();
  let failures = 0;
  let throttles = 0;
  for (let attempt = 1; ; attempt++) {
    const started = deps.now();
    try {
      const value = await call(attempt);
      return { value, attempts: attempt, lastAttemptMs: deps.now() - started };
    } catch (e) {
      const error = toProviderError(e, deps.redact, deps.now());
      const giveUp = (message = error.message) => new ProviderError(message, { status: error.status, retryable: error.retryable, attempts: attempt });
      if (!error.retryable || stop?.aborted) throw giveUp();
      const throttled = isThrottle(error);
      const tries = throttled ? ++throttles : ++failures;
      if (!throttled && tries > policy.maxRetries) throw giveUp();
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tries - 1)) * deps.random();
      const wait = error.retryAfterMs === undefined ? backoff : Math.min(policy.maxRetryAfterMs, error.retryAfterMs);
      if (throttled && deps.now() + wait - first > policy.throttleBudgetMs) {
        throw giveUp(`${error.message} (still throttled after ${attempt} attempts in ${Math.round((deps.now() - first) / 1000)} s; the target's throttleBudgetMs is ${policy.throttleBudgetMs})`);
      }
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
