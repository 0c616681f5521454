import { z } from 'zod';
import { FOUND_FORMS, OUTCOMES, REPLY_TYPES, ReplySchema, type ReplyType } from '../parse/reply-schema.ts';
import { JudgeRecordSchema } from '../judge/judge-record-schema.ts';
import type { TrialResult } from './trial-result.ts';

/**
 * Bounds that no real call reaches: a provider's or a hand-edited figure beyond them (negative,
 * 1e300, NaN) would poison every sum in the summary, so the writer zeroes it and readers refuse it.
 */
export const RESULT_BOUNDS = { tokens: 1e9, costUsd: 1e6, latencyMs: 1e9, attempts: 1e4 } as const;

const bounded = (max: number) => z.number().min(0).max(max);

export const UsageSchema = z.object({
  inputTokens: bounded(RESULT_BOUNDS.tokens),
  outputTokens: bounded(RESULT_BOUNDS.tokens),
  cachedInputTokens: bounded(RESULT_BOUNDS.tokens).exactOptional(),
  cacheWriteTokens: bounded(RESULT_BOUNDS.tokens).exactOptional(),
});

const CallErrorSchema = z.object({
  status: z.int().exactOptional(),
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).exactOptional(),
});

/** The fields of a line, each checked; see ResultLineSchema. */
const ResultLineFields = z.looseObject({
  runId: z.string(),
  trialId: z.string().min(1),
  caseId: z.string(),
  variant: z.string(),
  target: z.string(),
  repeat: z.int().min(0),
  expectedType: z.string(),
  // Lines written before these fields existed read as: only the expected type accepted, form unknown.
  acceptedTypes: z.array(z.enum(REPLY_TYPES)).optional(),
  tags: z.array(z.string()),
  input: z.string().default(''),
  outcome: z.enum(OUTCOMES),
  reply: ReplySchema.nullable(),
  raw: z.string().nullable(),
  form: z.enum(FOUND_FORMS).nullable().default(null),
  exactForm: z.boolean().nullable().default(null),
  rawTruncated: z.literal(true).exactOptional(),
  error: CallErrorSchema.nullable(),
  scores: z.record(z.string(), z.object({ score: z.number().min(0).max(1).nullable(), reason: z.string(), error: z.literal(true).exactOptional() })),
  score: z.number().min(0).max(1).nullable(),
  pass: z.boolean().nullable(),
  latencyMs: bounded(RESULT_BOUNDS.latencyMs),
  usage: UsageSchema,
  judge: JudgeRecordSchema.exactOptional(),
  judgeUsage: UsageSchema.exactOptional(),
  costUsd: bounded(RESULT_BOUNDS.costUsd).nullable(),
  // A saving can be negative: Anthropic's cache writes cost more than plain input.
  promptCacheSavingUsd: z.number().min(-RESULT_BOUNDS.costUsd).max(RESULT_BOUNDS.costUsd).exactOptional(),
  batch: z.literal(true).exactOptional(),
  cached: z.boolean(),
  attempts: z.int().min(0).max(RESULT_BOUNDS.attempts),
  simulated: z.boolean(),
});

/**
 * One results.jsonl line: the writer checks every line against it and every reader validates with
 * it, so a line that reads back is a line the tool could have written. Unknown fields pass through
 * (a newer version's additions still read); fields added since the first version have defaults,
 * so older run folders still read.
 */
export const ResultLineSchema = ResultLineFields.transform((line) => ({
  ...line,
  acceptedTypes: line.acceptedTypes ?? REPLY_TYPES.filter((t): t is ReplyType => t === line.expectedType),
}));

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when TrialResult gains a field the schema does not check (or loses one). */
const KEYS_IN_SYNC: Same<keyof typeof ResultLineFields.shape, keyof TrialResult> = true;
void KEYS_IN_SYNC;

/** Also fails to compile when a field's type drifts from the schema's. */
function toTrialResult(line: z.output<typeof ResultLineSchema>): TrialResult {
  return line;
}

export type ParsedLine = { ok: true; result: TrialResult } | { ok: false; reason: string };

/** One results.jsonl line read back: a result, or why it is not one (never a throw). */
export function parseResultLine(line: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const checked = ResultLineSchema.safeParse(data);
  if (checked.success) return { ok: true, result: toTrialResult(checked.data) };
  const issue = checked.error.issues[0];
  return { ok: false, reason: issue === undefined ? 'not a result' : `${issue.path.join('.') || 'line'}: ${issue.message}` };
}
