import { mergeParams } from '../config/merge-params.ts';
import type { Rubric } from '../config/rubric-schema.ts';
import type { Target } from '../config/target-schema.ts';
import type { Params } from '../config/variant-schema.ts';
import { describeRecord, type JudgeRecord } from '../judge/index.ts';
import { isExactForm, parseReply, type ParseResult } from '../parse/index.ts';
import { isExactStructuredReply, REPLY_OUTPUT_NAME, ReplyOutputSchema } from '../parse/reply-output-schema.ts';
import type { Trial } from '../plan/build-plan.ts';
import { renderPrompt, type RenderedPrompt } from '../render/index.ts';
import { acceptedTypes, scoreTrial, type JudgeVerdict, type PromptExpectations, type TrialScore } from '../score/index.ts';
import { abandonCall, lookUpCall, storeCall } from './cache/cached-call.ts';
import type { OfflineMiss } from './cache/offline-miss.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import { callWithRetry, retryPolicy, type RetryDeps } from './call-with-retry.ts';
import { judgeReply, type JudgeSetup } from './judge-call.ts';
import type { CompletionRequest, Provider } from './providers/provider.ts';
import { ProviderError } from './providers/provider-error.ts';
import type { CallError, TrialResult, Usage } from '../results/trial-result.ts';

export type { JudgeSetup } from './judge-call.ts';

export interface TrialDeps {
  runId: string;
  providers: ReadonlyMap<string, Provider>;
  judge?: JudgeSetup | undefined;
  rubric: Rubric;
  retry: RetryDeps;
  /** No new attempt starts after it (Ctrl-C); a trial cut short is dropped. */
  stop?: AbortSignal | undefined;
  /** Aborts calls in flight (a second Ctrl-C, SIGTERM). */
  cancel?: AbortSignal | undefined;
  /** Answers unchanged calls without paying for them; none with `--no-cache`. */
  cache?: ResponseCache | undefined;
}

/** Longest model text kept in results.jsonl; the rest is cut and marked, so one runaway reply cannot bloat the file. */
export const MAX_RAW_CHARS = 100_000;

const ZERO: Usage = { inputTokens: 0, outputTokens: 0 };

/** One trial, end to end: render → call → parse → (judge) → score. `undefined` when interrupted. */
export async function runTrial(trial: Trial, deps: TrialDeps): Promise<TrialResult | undefined> {
  const { variant, target, testCase } = trial;
  const provider = deps.providers.get(target.id);
  if (!provider) throw new Error(`no provider for target ${target.id}`);
  const rendered = renderPrompt(variant, testCase);
  const call = await callModel(provider, trial, rendered, mergeParams(variant.params, target.params), deps);
  if (call === undefined) return undefined;

  const parsed = call.raw === null ? null : parseReply(call.raw);
  const outcome = parsed ? parsed.outcome : 'provider_error';
  let error = call.error;
  if (parsed?.outcome === 'format_error') error = { message: parsed.error };
  if (parsed?.outcome === 'schema_error') error = { message: parsed.error, issues: parsed.issues };
  const reply = parsed ? parsed.reply : null;
  const prompt: PromptExpectations = { refusal: variant.refusal, maxItemChars: variant.maxItemChars };

  let scored = scoreTrial({ testCase, outcome, reply, prompt }, deps.rubric);
  let judged: { record: JudgeRecord; usage: Usage } | undefined;
  // A failed gate already makes the score 0: paying a judge for it would buy nothing.
  if (reply && deps.judge && deps.rubric.criteria.some((c) => c.name === 'judge') && !failedGate(scored, deps.rubric)) {
    judged = await judgeReply(deps.judge, testCase, reply, deps, () => missOf(trial, 'judge'));
    if (judged === undefined) return undefined;
    scored = scoreTrial({ testCase, outcome, reply, prompt, judge: toVerdict(judged.record) }, deps.rubric);
  }
  const raw = call.raw;
  return {
    runId: deps.runId,
    trialId: trial.trialId,
    caseId: testCase.id,
    variant: variant.id,
    target: target.id,
    repeat: trial.repeat,
    expectedType: testCase.expect.type,
    acceptedTypes: acceptedTypes(testCase),
    tags: testCase.tags,
    input: testCase.input,
    outcome,
    reply,
    raw: raw === null ? null : raw.length > MAX_RAW_CHARS ? raw.slice(0, MAX_RAW_CHARS) : raw,
    form: parsed !== null && 'form' in parsed ? parsed.form : null,
    exactForm: enforcedSchema(trial) && raw !== null && parsed !== null && parsed.reply !== null ? isExactStructuredReply(raw) : exactFormOf(parsed, raw, variant),
    ...(raw !== null && raw.length > MAX_RAW_CHARS ? { rawTruncated: true as const } : {}),
    error,
    scores: scored.scores,
    score: scored.score,
    pass: scored.pass,
    latencyMs: Math.round(call.latencyMs),
    usage: call.usage,
    ...(judged ? { judge: judged.record, judgeUsage: judged.usage } : {}),
    costUsd: addCosts(costOf(target, call.usage, provider.simulated), judged && deps.judge ? costOf(deps.judge.target, judged.usage, deps.judge.provider.simulated) : 0),
    cached: call.cached,
    attempts: call.attempts,
    simulated: provider.simulated,
  };
}

interface CallOutcome {
  raw: string | null;
  usage: Usage;
  attempts: number;
  latencyMs: number;
  error: CallError | null;
  /** Served from the response cache: no call made, `attempts` 0, the stored latency and usage. */
  cached: boolean;
}

/** The model call with retries; `undefined` when the run was interrupted before it ended. */
async function callModel(provider: Provider, trial: Trial, rendered: RenderedPrompt, params: Params, deps: TrialDeps): Promise<CallOutcome | undefined> {
  const request: CompletionRequest = {
    model: trial.target.model,
    system: rendered.system,
    messages: rendered.messages,
    params,
    signal: deps.cancel,
    input: trial.testCase.input,
    simulation: {
      caseId: trial.testCase.id,
      input: trial.testCase.input,
      expectedType: trial.testCase.expect.type,
      acceptedTypes: acceptedTypes(trial.testCase),
      reference: trial.testCase.reference,
      tags: trial.testCase.tags,
      lang: trial.testCase.lang,
      turns: trial.testCase.history.length,
      repeat: trial.repeat,
      replyForm: trial.variant.replyForm,
      thinking: trial.variant.thinking,
      refusal: trial.variant.refusal,
    },
    purpose: 'reply',
    ...(enforcedSchema(trial) ? { output: { name: REPLY_OUTPUT_NAME, schema: ReplyOutputSchema } } : {}),
  };
  const cached = await lookUpCall(deps.cache, { provider, target: trial.target, request, repeat: trial.repeat }, () => missOf(trial, 'reply'));
  if (cached.hit) return { raw: cached.hit.text, usage: cached.hit.usage, attempts: 0, latencyMs: cached.hit.latencyMs, error: null, cached: true };
  try {
    const done = await callWithRetry((attempt) => provider.complete({ ...request, attempt }), retryPolicy(trial.target), deps.retry, deps.stop);
    // The request's own time when the limits queued it, else the whole last attempt.
    const latencyMs = done.value.latencyMs ?? done.lastAttemptMs;
    storeCall(deps.cache, cached, { text: done.value.text, usage: done.value.usage, latencyMs: Math.round(latencyMs) });
    return { raw: done.value.text, usage: done.value.usage, attempts: done.attempts, latencyMs, error: null, cached: false };
  } catch (e) {
    abandonCall(cached);
    // Stopped during a backoff or cancelled mid-call: not a result, a resume will redo it.
    if (deps.stop?.aborted || deps.cancel?.aborted) return undefined;
    const pe = e instanceof ProviderError ? e : new ProviderError(String(e));
    return {
      raw: null,
      usage: ZERO,
      attempts: pe.attempts,
      latencyMs: 0,
      error: { ...(pe.status === undefined ? {} : { status: pe.status }), message: deps.retry.redact(pe.message) },
      cached: false,
    };
  }
}

/** What the judge criterion reads of a verdict. */
function toVerdict(record: JudgeRecord): JudgeVerdict {
  if (record.verdict === 'error' || record.score === null) return { error: record.error ?? 'no usable verdict' };
  return { score: record.score, pass: record.verdict === 'pass', reason: describeRecord(record) };
}

/** Whether the reply came exactly as the variant declared; only a reply that parsed can have. */
function exactFormOf(parsed: ParseResult | null, raw: string | null, variant: Trial['variant']): boolean | null {
  if (parsed === null || raw === null) return null;
  if (parsed.outcome === 'format_error' || parsed.outcome === 'schema_error') return false;
  return isExactForm(raw, { form: variant.replyForm, thinking: variant.thinking });
}

/** `responseFormat: json_schema` on the variant, else on the target: the provider enforces the reply schema. */
function enforcedSchema(trial: Trial): boolean {
  return (trial.variant.responseFormat ?? trial.target.responseFormat) === 'json_schema';
}

function missOf(trial: Trial, purpose: OfflineMiss['purpose']): OfflineMiss {
  return { purpose, variant: trial.variant.id, target: trial.target.id, caseId: trial.testCase.id, repeat: trial.repeat };
}

function failedGate(scored: TrialScore, rubric: Rubric): boolean {
  return rubric.criteria.some((c) => c.gate && (scored.scores[c.name]?.score ?? 1) < 1);
}

function costOf(target: Target, usage: Usage, simulated: boolean): number | null {
  if (simulated) return 0;
  if (!target.price) return null;
  return (usage.inputTokens * target.price.inputPerMTok + usage.outputTokens * target.price.outputPerMTok) / 1_000_000;
}

function addCosts(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
