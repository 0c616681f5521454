import { z } from 'zod';
import { FOUND_FORMS, OUTCOMES, REPLY_TYPES, type ReplyType } from '../parse/reply-schema.ts';
import type { TrialResult } from './result.ts';

const UsageSchema = z.object({
  inputTokens: z.number().min(0),
  outputTokens: z.number().min(0),
  cachedInputTokens: z.number().min(0).optional(),
  cacheWriteTokens: z.number().min(0).optional(),
});

/**
 * What a results.jsonl line must hold to be aggregated again (`report`, and later resume): the
 * fields the summary reads are checked, the rest passes through, so a line from a newer version
 * with extra fields still reads.
 */
export const StoredResultSchema = z.looseObject({
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
  reply: z.unknown(),
  raw: z.string().nullable(),
  form: z.enum(FOUND_FORMS).nullable().default(null),
  exactForm: z.boolean().nullable().default(null),
  error: z.unknown(),
  scores: z.record(z.string(), z.object({ score: z.number().nullable(), reason: z.string() })),
  score: z.number().min(0).max(1).nullable(),
  pass: z.boolean().nullable(),
  latencyMs: z.number().min(0),
  usage: UsageSchema,
  costUsd: z.number().nullable(),
  cached: z.boolean(),
  attempts: z.int().min(0),
  simulated: z.boolean(),
});

/**
 * One results.jsonl line read back, or undefined when it is not a result (a torn line, another
 * tool's output). Checked field by field; the remaining fields pass through as written.
 */
export function parseStoredResult(line: string): TrialResult | undefined {
  try {
    const checked = StoredResultSchema.safeParse(JSON.parse(line));
    if (!checked.success) return undefined;
    const { data } = checked;
    const acceptedTypes = data.acceptedTypes ?? (REPLY_TYPES as readonly string[]).filter((t): t is ReplyType => t === data.expectedType);
    return { ...data, acceptedTypes } as unknown as TrialResult;
  } catch {
    return undefined;
  }
}
