import type { JudgeRecord } from '../judge/judge-types.ts';
import type { FoundForm, Outcome, Reply, ReplyType, SchemaIssue } from '../parse/reply-schema.ts';
import type { CriterionScore } from '../score/score-types.ts';

export interface Usage {
  /** Every input token of the call, those read from or written to the provider's prompt cache included. */
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, those read from the provider's prompt cache (billed at the cached price); absent when none. */
  cachedInputTokens?: number;
  /** Of inputTokens, those written to the prompt cache (Anthropic `cache_control`); absent when none. */
  cacheWriteTokens?: number;
}

export interface CallError {
  /** HTTP status, when the provider answered. */
  status?: number;
  message: string;
  /** Zod issues, for `schema_error`. */
  issues?: SchemaIssue[];
}

/** One line of results.jsonl: the output contract (change only additively). */
export interface TrialResult {
  runId: string;
  /** Stable id from content (variant messages, target, case, repeat): drives resume. */
  trialId: string;
  caseId: string;
  variant: string;
  target: string;
  repeat: number;
  expectedType: string;
  /** The reply types the case accepts: expectedType first, then any `acceptable` others. */
  acceptedTypes: ReplyType[];
  tags: string[];
  /** The case's to-do, so a results file is readable (and a report rebuildable) on its own. */
  input: string;
  outcome: Outcome;
  reply: Reply | null;
  raw: string | null;
  /** The form the reply was found in; null when nothing parsed (format_error, provider_error). */
  form: FoundForm | null;
  /**
   * The reply came exactly in the variant's declared form, nothing salvaged (no prose, fence, other
   * form or loose JSON around it); false for format and schema errors, null for provider errors.
   */
  exactForm: boolean | null;
  /** Present when `raw` was cut at MAX_RAW_CHARS. */
  rawTruncated?: true;
  error: CallError | null;
  scores: Record<string, CriterionScore>;
  score: number | null;
  pass: boolean | null;
  /** Duration of the last attempt (the model's latency, without retry waits). */
  latencyMs: number;
  usage: Usage;
  /**
   * The judge's verdict, when the rubric has a judge criterion and no gate failed: per dimension a
   * level and a reason, the samples asked and failed, the judge's agreement with itself. With
   * `verdict: "error"` the case is unscored (`score` and `pass` null), counted apart.
   */
  judge?: JudgeRecord;
  /** Tokens spent by the judge on this reply, when the rubric has a judge. */
  judgeUsage?: Usage;
  /** The call's cost plus its judging; null when a target involved has no price. */
  costUsd: number | null;
  /**
   * What the provider's prompt cache saved on this call (and its judging) against the full input
   * price: negative when cache writes cost more than they saved. Absent when no token was cached.
   */
  promptCacheSavingUsd?: number;
  /** Answered through the provider's batch API (`run --batch`), billed at the batch price. */
  batch?: true;
  cached: boolean;
  attempts: number;
  simulated: boolean;
}
