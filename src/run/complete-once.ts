import type { LimitFunction } from 'p-limit';
import type { Target } from '../config/target-schema.ts';
import { abandonCall, lookUpCall, storeCall } from './cache/cached-call.ts';
import type { OfflineMiss } from './cache/offline-miss.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import { callWithRetry, retryPolicy, type RetryDeps } from './call-with-retry.ts';
import type { CompletionRequest, Provider } from './providers/provider.ts';
import type { Usage } from '../results/index.ts';

export interface CompleteDeps {
  retry: RetryDeps;
  cache?: ResponseCache | undefined;
  stop?: AbortSignal | undefined;
  cancel?: AbortSignal | undefined;
}

export type CompleteOutcome = { ok: true; text: string; usage: Usage; cached: boolean } | { ok: false; error: string };

/**
 * One judge call (a verdict sample, one order of a pair): from the cache when it holds it, else
 * through the judge's own concurrency limit and the retry loop, and stored when it succeeded.
 * A failure after the retries is an outcome, its message redacted; `undefined` when the run was
 * interrupted before the call ended (not a result: a resume redoes it).
 */
export async function completeOnce(
  call: { provider: Provider; target: Target; request: CompletionRequest; sample?: number | undefined; limit: LimitFunction; miss: () => OfflineMiss },
  deps: CompleteDeps,
): Promise<CompleteOutcome | undefined> {
  const cached = await lookUpCall(deps.cache, { provider: call.provider, target: call.target, request: call.request, repeat: call.sample }, call.miss);
  if (cached.hit) return { ok: true, text: cached.hit.text, usage: cached.hit.usage, cached: true };
  try {
    const done = await call.limit(() =>
      callWithRetry((attempt) => call.provider.complete({ ...call.request, attempt }), retryPolicy(call.target), deps.retry, deps.stop),
    );
    storeCall(deps.cache, cached, { text: done.value.text, usage: done.value.usage, latencyMs: Math.round(done.value.latencyMs ?? done.lastAttemptMs) });
    return { ok: true, text: done.value.text, usage: done.value.usage, cached: false };
  } catch (e) {
    abandonCall(cached);
    if (deps.stop?.aborted || deps.cancel?.aborted) return undefined;
    return { ok: false, error: `judge call failed: ${deps.retry.redact(e instanceof Error ? e.message : String(e))}` };
  }
}
