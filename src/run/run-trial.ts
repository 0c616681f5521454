import { costOfTrial } from '../cost/trial-cost.ts';
import type { Rubric } from '../config/rubric-schema.ts';
import { describeRecord, type JudgeRecord } from '../judge/index.ts';
import { isExactForm, parseReply, type ParseResult } from '../parse/index.ts';
import { isExactStructuredReply } from '../parse/reply-output-schema.ts';
import type { Trial } from '../plan/build-plan.ts';
import { renderPrompt, type RenderedPrompt } from '../render/index.ts';
import { acceptedTypes, scoreTrial, type JudgeVerdict, type PromptExpectations, type TrialScore } from '../score/index.ts';
import { abandonCall, lookUpCall, storeCall } from './cache/cached-call.ts';
import type { OfflineMiss } from './cache/offline-miss.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import { callWithRetry, retryPolicy, type RetryDeps } from './call-with-retry.ts';
import { judgeReply, type JudgeSetup } from './judge-call.ts';
import type { Provider } from './providers/provider.ts';
import { ProviderError } from './providers/provider-error.ts';
import { buildReplyRequest, enforcedSchema } from './reply-request.ts';
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
  const call = await callModel(provider, trial, rendered, deps);
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
    ...costOfTrial([{ target, usage: call.usage, mode: 'live' }, ...(judged && deps.judge ? [{ target: deps.judge.target, usage: judged.usage, mode: 'live' as const }] : [])]),
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
async function callModel(provider: Provider, trial: Trial, rendered: RenderedPrompt, deps: TrialDeps): Promise<CallOutcome | undefined> {
  const request = buildReplyRequest(trial, rendered, deps.cancel);
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

function missOf(trial: Trial, purpose: OfflineMiss['purpose']): OfflineMiss {
  return { purpose, variant: trial.variant.id, target: trial.target.id, caseId: trial.testCase.id, repeat: trial.repeat };
}

function failedGate(scored: TrialScore, rubric: Rubric): boolean {
  return rubric.criteria.some((c) => c.gate && (scored.scores[c.name]?.score ?? 1) < 1);
}
