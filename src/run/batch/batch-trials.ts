import type { Rubric } from '../../config/rubric-schema.ts';
import type { Target } from '../../config/target-schema.ts';
import { costOfTrial } from '../../cost/trial-cost.ts';
import type { Trial } from '../../plan/build-plan.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import type { RetryDeps } from '../call-with-retry.ts';
import type { Completion, CompletionRequest, Provider } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { TrialResult, Usage } from '../../results/trial-result.ts';
import { runTrial, type JudgeSetup } from '../run-trial.ts';

/**
 * A batch run's trials go through the same runTrial as live ones (render → call → parse → judge →
 * score), so a batch result is the same TrialResult. Only the "call" differs: it is answered from
 * what the batch returned, which is first stored in the response cache.
 */
export interface BatchTrialDeps {
  runId: string;
  rubric: Rubric;
  judge?: JudgeSetup | undefined;
  /** True when the judge's calls go as batches too (not for a simulated judge). */
  judgeBatched: boolean;
  cache: ResponseCache;
  retry: RetryDeps;
}

/** What a trial still needs before it can be scored. */
export type Probe = { kind: 'ready' } | { kind: 'reply'; request: CompletionRequest } | { kind: 'judge'; request: CompletionRequest };

const NOT_YET = 'not answered yet';

/** Answers from the response cache only; a miss is recorded (and fails the call). */
function cacheOnly(cache: ResponseCache, target: Target, repeat: number | undefined, onMiss?: (request: CompletionRequest) => void): Provider {
  const provider: Provider = {
    simulated: false,
    complete(request): Promise<Completion> {
      const key = cache.keyOf({ provider, target, request, repeat });
      const hit = key === undefined ? undefined : cache.get(key);
      if (hit) return Promise.resolve({ text: hit.text, usage: hit.usage, latencyMs: 0 });
      onMiss?.(request);
      return Promise.reject(new ProviderError(NOT_YET, { retryable: false }));
    },
  };
  return provider;
}

function failing(error: { status?: number; message: string }): Provider {
  return { simulated: false, complete: () => Promise.reject(new ProviderError(error.message, { status: error.status, retryable: false })) };
}

/** Stores a batch's answer where a live call's reply would be stored: a later run (or --offline) reuses it. */
export function storeAnswer(cache: ResponseCache, target: Target, request: CompletionRequest, repeat: number | undefined, answer: { text: string; usage: Usage }): void {
  const key = cache.keyOf({ provider: { simulated: false, complete: () => Promise.reject(new Error('unused')) }, target, request, repeat });
  if (key !== undefined) cache.set(key, { text: answer.text, usage: answer.usage, latencyMs: 0 });
}

/** Runs the trial against the cache alone to learn which call it lacks: the reply, the judge's verdict, or none. */
export async function probeTrial(trial: Trial, deps: BatchTrialDeps): Promise<Probe> {
  let reply: CompletionRequest | undefined;
  let judge: CompletionRequest | undefined;
  await runTrial(trial, {
    runId: deps.runId,
    rubric: deps.rubric,
    retry: deps.retry,
    providers: new Map([[trial.target.id, cacheOnly(deps.cache, trial.target, trial.repeat, (r) => (reply = r))]]),
    judge: deps.judge && (deps.judgeBatched ? { ...deps.judge, provider: cacheOnly(deps.cache, deps.judge.target, undefined, (r) => (judge = r)) } : undefined),
  });
  if (reply) return { kind: 'reply', request: reply };
  if (judge) return { kind: 'judge', request: judge };
  return { kind: 'ready' };
}

export interface FinishHow {
  /** The reply came from one of this run's batches: billed at the batch price, `batch: true`. */
  replyFromBatch: boolean;
  judgeFromBatch: boolean;
  /** The reply failed in the batch (errored, expired, cancelled): a provider_error result. */
  replyError?: { status?: number; message: string } | undefined;
  /** The judge's request failed in its batch: the verdict is an error, as a failed live judge call's. */
  judgeError?: { status?: number; message: string } | undefined;
}

/** The trial's result, now that every call it needs has an answer (or an error). */
export async function finishTrial(trial: Trial, how: FinishHow, deps: BatchTrialDeps): Promise<TrialResult> {
  const judge = deps.judge && {
    ...deps.judge,
    provider: !deps.judgeBatched ? deps.judge.provider : how.judgeError ? failing(how.judgeError) : cacheOnly(deps.cache, deps.judge.target, undefined),
  };
  const reply = how.replyError ? failing(how.replyError) : cacheOnly(deps.cache, trial.target, trial.repeat);
  // A reply answered from the cache before this run is a cached result, as in a live run.
  const fromCache = !how.replyFromBatch && !how.replyError;
  const result = await runTrial(trial, {
    runId: deps.runId,
    rubric: deps.rubric,
    retry: deps.retry,
    providers: new Map([[trial.target.id, reply]]),
    judge,
    cache: fromCache ? deps.cache : undefined,
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
