import pLimit, { type LimitFunction } from 'p-limit';
import type { Rubric } from '../config/rubric-schema.ts';
import type { Target } from '../config/target-schema.ts';
import { parseReply } from '../parse/index.ts';
import type { Trial } from '../plan/build-plan.ts';
import type { Params } from '../config/variant-schema.ts';
import { renderPrompt, type RenderedPrompt } from '../render/index.ts';
import { scoreTrial } from '../score/index.ts';
import type { JudgeVerdict } from '../score/index.ts';
import { callWithRetry, DEFAULT_RETRY, type RetryDeps } from './call-with-retry.ts';
import { parseJudgeVerdict, renderJudgePrompt } from './judge-call.ts';
import type { Provider } from './providers/provider.ts';
import { ProviderError } from './providers/provider-error.ts';
import type { CallError, TrialResult, Usage } from './result.ts';

export interface JudgeSetup {
  provider: Provider;
  target: Target;
  rubric: string;
}

export interface RunDeps {
  runId: string;
  providers: ReadonlyMap<string, Provider>;
  judge?: JudgeSetup | undefined;
  rubric: Rubric;
  /** Calls in flight at once, over all targets (each target may set a lower limit). */
  concurrency: number;
  retry: RetryDeps;
  /** Monotonic milliseconds, for latency. */
  clock: () => number;
  signal?: AbortSignal | undefined;
  /** Receives each result as its call finishes; the run waits for it (so a write is never lost). */
  onResult: (result: TrialResult) => void | Promise<void>;
}

/** Longest model text kept in results.jsonl; the rest is cut and marked, so one runaway reply cannot bloat the file. */
export const MAX_RAW_CHARS = 100_000;

/**
 * Runs trials concurrently and hands every finished one to `onResult`. It never prints and never
 * throws for a failed call: a failure is a result. On abort it stops dispatching, lets calls in
 * flight end, and drops the ones cut short so that a resume redoes them.
 */
export async function runTrials(trials: Iterable<Trial>, deps: RunDeps): Promise<{ finished: number; interrupted: boolean }> {
  const global = pLimit(deps.concurrency);
  const perTarget = new Map<string, LimitFunction>();
  const limitFor = (t: Target) => {
    let l = perTarget.get(t.id);
    if (!l) perTarget.set(t.id, (l = pLimit(Math.min(t.concurrency ?? deps.concurrency, deps.concurrency))));
    return l;
  };
  const pending = new Set<Promise<void>>();
  let finished = 0;
  for (const trial of trials) {
    if (deps.signal?.aborted) break;
    // A bounded window keeps memory flat however large the plan is.
    while (pending.size >= deps.concurrency * 2) await Promise.race(pending);
    const task = limitFor(trial.target)(() =>
      global(async () => {
        if (deps.signal?.aborted) return;
        const result = await runTrial(trial, deps);
        if (result) {
          await deps.onResult(result);
          finished++;
        }
      }),
    );
    const tracked = task.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }
  await Promise.all(pending);
  return { finished, interrupted: deps.signal?.aborted ?? false };
}

async function runTrial(trial: Trial, deps: RunDeps): Promise<TrialResult | undefined> {
  const { variant, target, testCase } = trial;
  const provider = deps.providers.get(target.id);
  if (!provider) throw new Error(`no provider for target ${target.id}`);
  const rendered = renderPrompt(variant, testCase);
  const params = { ...variant.params, ...target.params };
  const started = deps.clock();
  const call = await callModel(provider, trial, rendered, params, deps);
  if (call === undefined) return undefined;
  const { raw, usage, attempts } = call;
  let error = call.error;
  const latencyMs = Math.round(deps.clock() - started);

  const parsed = raw === null ? null : parseReply(raw);
  const outcome = parsed ? parsed.outcome : 'provider_error';
  if (parsed && parsed.outcome === 'format_error') error = { message: parsed.error };
  if (parsed && parsed.outcome === 'schema_error') error = { message: parsed.error, issues: parsed.issues };
  const reply = parsed ? parsed.reply : null;

  const judge = reply && deps.judge ? await askJudge(deps.judge, trial, reply, deps) : undefined;
  if (deps.signal?.aborted && judge && 'error' in judge) return undefined;
  const scored = scoreTrial({ testCase, outcome, reply, ...(judge ? { judge } : {}) }, deps.rubric);
  return {
    runId: deps.runId,
    trialId: trial.trialId,
    caseId: testCase.id,
    variant: variant.id,
    target: target.id,
    repeat: trial.repeat,
    expectedType: testCase.expect.type,
    tags: testCase.tags,
    input: testCase.input,
    outcome,
    reply,
    raw: raw === null ? null : raw.length > MAX_RAW_CHARS ? raw.slice(0, MAX_RAW_CHARS) : raw,
    ...(raw !== null && raw.length > MAX_RAW_CHARS ? { rawTruncated: true } : {}),
    error,
    scores: scored.scores,
    score: scored.score,
    pass: scored.pass,
    latencyMs,
    usage,
    costUsd: costOf(target, usage, provider.simulated),
    cached: false,
    attempts,
    simulated: provider.simulated,
  };
}

interface CallOutcome {
  raw: string | null;
  usage: Usage;
  attempts: number;
  error: CallError | null;
}

/** The model call with retries; `undefined` when the run was interrupted mid-call. */
async function callModel(provider: Provider, trial: Trial, rendered: RenderedPrompt, params: Params, deps: RunDeps): Promise<CallOutcome | undefined> {
  try {
    const done = await callWithRetry(
      () =>
        provider.complete({
          model: trial.target.model,
          system: rendered.system,
          messages: rendered.messages,
          params,
          signal: deps.signal,
          input: trial.testCase.input,
        }),
      { maxRetries: trial.target.maxRetries, ...DEFAULT_RETRY },
      deps.retry,
      deps.signal,
    );
    return { raw: done.value.text, usage: done.value.usage, attempts: done.attempts, error: null };
  } catch (e) {
    if (deps.signal?.aborted) return undefined;
    const pe = e instanceof ProviderError ? e : new ProviderError(String(e));
    return {
      raw: null,
      usage: { inputTokens: 0, outputTokens: 0 },
      attempts: pe.attempts,
      error: { ...(pe.status === undefined ? {} : { status: pe.status }), message: deps.retry.redact(pe.message) },
    };
  }
}

async function askJudge(judge: JudgeSetup, trial: Trial, reply: NonNullable<TrialResult['reply']>, deps: RunDeps): Promise<JudgeVerdict> {
  const prompt = renderJudgePrompt(judge.rubric, trial.testCase, reply);
  try {
    const done = await callWithRetry(
      () => judge.provider.complete({ model: judge.target.model, system: prompt.system, messages: prompt.messages, params: { temperature: 0, ...judge.target.params }, signal: deps.signal }),
      { maxRetries: judge.target.maxRetries, ...DEFAULT_RETRY },
      deps.retry,
      deps.signal,
    );
    return parseJudgeVerdict(done.value.text);
  } catch (e) {
    return { error: `judge call failed: ${deps.retry.redact(e instanceof Error ? e.message : String(e))}` };
  }
}

function costOf(target: Target, usage: Usage, simulated: boolean): number | null {
  if (simulated) return 0;
  if (!target.price) return null;
  return (usage.inputTokens * target.price.inputPerMTok + usage.outputTokens * target.price.outputPerMTok) / 1_000_000;
}
