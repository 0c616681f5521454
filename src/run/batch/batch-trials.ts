import type { Rubric } from '../../config/rubric-schema.ts';
import type { Target } from '../../config/target-schema.ts';
import { costOfTrial } from '../../cost/trial-cost.ts';
import type { Trial } from '../../plan/build-plan.ts';
import type { TrialResult, Usage } from '../../results/trial-result.ts';
import type { CacheCall, ResponseCache } from '../cache/response-cache.ts';
import type { RetryDeps } from '../call-with-retry.ts';
import type { JudgeSetup } from '../judge-call.ts';
import type { Completion, CompletionRequest, Provider } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { runTrial } from '../run-trial.ts';

/**
 * A batch run's trials go through the same runTrial as live ones (render → call → parse → judge →
 * score), so a batch result is the same TrialResult. Only the calls differ: they are answered from
 * what the batches returned, stored in the response cache first.
 */
export interface BatchTrialDeps {
  runId: string;
  rubric: Rubric;
  judge?: JudgeSetup | undefined;
  /** True when the judge's calls go as batches too (not for a simulated judge, asked live). */
  judgeBatched: boolean;
  cache: ResponseCache;
  retry: RetryDeps;
}

/** A call a trial still needs: its request, and the sample index its cache key carries. */
export interface MissingCall {
  purpose: 'reply' | 'judge';
  request: CompletionRequest;
  /** The reply's repeat; a judge sample's index (undefined for the first). */
  sample: number | undefined;
}

const NOT_YET = 'no batch answer for this call';

function failing(error: { status?: number; message: string }): Provider {
  return { simulated: false, complete: () => Promise.reject(new ProviderError(error.message, { status: error.status, retryable: false })) };
}

/**
 * The response cache as runTrial sees it in a batch run. It reads what the batches stored, writes
 * nothing (the batch reader stores answers), can hide the stored replies (so a reply paid for in
 * this run's batch is not counted as a cache hit), and reports the calls it could not answer.
 */
function cacheView(cache: ResponseCache, options: { hideReplies?: boolean; onMiss?: (call: MissingCall) => void }): ResponseCache {
  const calls = new Map<string, CacheCall>();
  return {
    offline: false,
    shown: cache.shown,
    keyOf(call) {
      const key = cache.keyOf(call);
      if (key !== undefined) calls.set(key, call);
      return key;
    },
    get(key) {
      const call = calls.get(key);
      const purpose = call?.request.purpose === 'judge' ? 'judge' : 'reply';
      if (options.hideReplies && purpose === 'reply') return undefined;
      const hit = cache.get(key);
      if (hit === undefined && call) options.onMiss?.({ purpose, request: call.request, sample: call.repeat });
      return hit;
    },
    set: () => {},
    close: () => {},
  };
}

/** Stores a batch's answer where a live call's would go: a later run (or --offline) reuses it. */
export function storeAnswer(cache: ResponseCache, target: Target, call: MissingCall, answer: { text: string; usage: Usage }): void {
  const key = cache.keyOf({ provider: failing({ message: 'unused' }), target, request: call.request, repeat: call.sample });
  if (key !== undefined) cache.set(key, { text: answer.text, usage: answer.usage, latencyMs: 0 });
}

/**
 * Runs the trial against the cache alone to learn which calls it lacks: its reply, or (the reply
 * answered) the judge's samples. None: every answer is there.
 */
export async function probeTrial(trial: Trial, deps: BatchTrialDeps): Promise<MissingCall[]> {
  const missing: MissingCall[] = [];
  const notYet = failing({ message: NOT_YET });
  await runTrial(trial, {
    runId: deps.runId,
    rubric: deps.rubric,
    retry: deps.retry,
    providers: new Map([[trial.target.id, notYet]]),
    judge: deps.judge && deps.judgeBatched ? { ...deps.judge, provider: notYet } : undefined,
    cache: cacheView(deps.cache, { onMiss: (call) => missing.push(call) }),
  });
  return missing;
}

export interface FinishHow {
  /** The reply came from one of this run's batches: billed at the batch price, `batch: true`. */
  replyFromBatch: boolean;
  judgeFromBatch: boolean;
  /** The reply failed in the batch (errored, expired, cancelled): a provider_error result. */
  replyError?: { status?: number; message: string } | undefined;
  /** A judge sample failed in its batch: that sample fails, as a failed live judge call does. */
  judgeError?: { status?: number; message: string } | undefined;
}

/** The trial's result, now that every call it needs has an answer (or an error). */
export async function finishTrial(trial: Trial, how: FinishHow, deps: BatchTrialDeps): Promise<TrialResult> {
  const judge = deps.judge && {
    ...deps.judge,
    provider: !deps.judgeBatched ? deps.judge.provider : failing(how.judgeError ?? { message: NOT_YET }),
  };
  // A reply answered from the cache before this run is a cached result, as in a live run.
  const fromCache = !how.replyFromBatch && !how.replyError;
  const stored: Provider = {
    simulated: false,
    complete(request): Promise<Completion> {
      const key = deps.cache.keyOf({ provider: stored, target: trial.target, request, repeat: trial.repeat });
      const hit = key === undefined ? undefined : deps.cache.get(key);
      return hit ? Promise.resolve({ text: hit.text, usage: hit.usage, latencyMs: 0 }) : Promise.reject(new ProviderError(NOT_YET, { retryable: false }));
    },
  };
  const result = await runTrial(trial, {
    runId: deps.runId,
    rubric: deps.rubric,
    retry: deps.retry,
    providers: new Map([[trial.target.id, how.replyError ? failing(how.replyError) : stored]]),
    judge,
    cache: cacheView(deps.cache, { hideReplies: !fromCache }),
  });
  if (result === undefined) throw new Error(`batch: trial ${trial.trialId} did not finish`);
  if (fromCache) return result;
  const { costUsd: _live, promptCacheSavingUsd: _saving, ...rest } = result;
  const cost = costOfTrial([
    { target: trial.target, usage: result.usage, mode: 'batch' },
    ...(result.judgeUsage && deps.judge ? [{ target: deps.judge.target, usage: result.judgeUsage, mode: how.judgeFromBatch ? ('batch' as const) : ('live' as const) }] : []),
  ]);
  // No request of a batch has a latency of its own: 0, and summaries leave batch results out of latency.
  return { ...rest, latencyMs: 0, ...cost, batch: true };
}
