import type { TrialResult } from '../results/trial-result.ts';

/** What the judge's cell statistics read of a verdict: no reasons, so memory stays small. */
export interface JudgeRow {
  verdict: 'pass' | 'fail' | 'error';
  score: number | null;
  agreement: number | null;
  failedSamples: number;
  /** Dimension id → level. */
  levels: Record<string, number>;
}

/** What aggregation needs from one call: no reply, raw text or scores, so a big run stays small in memory. */
export type AggregateRow = Pick<
  TrialResult,
  | 'caseId'
  | 'variant'
  | 'target'
  | 'repeat'
  | 'expectedType'
  | 'acceptedTypes'
  | 'tags'
  | 'outcome'
  | 'exactForm'
  | 'score'
  | 'pass'
  | 'latencyMs'
  | 'usage'
  | 'costUsd'
  | 'simulated'
  | 'promptCacheSavingUsd'
  | 'batch'
> &
  Partial<Pick<TrialResult, 'cached'>> & { judgeRow?: JudgeRow };

/** Drops everything aggregation does not read (model text above all) from a results.jsonl line. */
export function toAggregateRow(result: TrialResult): AggregateRow {
  return {
    caseId: result.caseId,
    variant: result.variant,
    target: result.target,
    repeat: result.repeat,
    expectedType: result.expectedType,
    acceptedTypes: shareList(result.acceptedTypes),
    tags: shareList(result.tags),
    outcome: result.outcome,
    exactForm: result.exactForm,
    score: result.score,
    pass: result.pass,
    latencyMs: result.latencyMs,
    usage: copyUsage(result.usage),
    costUsd: result.costUsd,
    simulated: result.simulated,
    ...(result.cached ? { cached: true } : {}),
    ...(result.promptCacheSavingUsd === undefined ? {} : { promptCacheSavingUsd: result.promptCacheSavingUsd }),
    ...(result.batch ? { batch: true as const } : {}),
    ...(result.judge === undefined ? {} : { judgeRow: toJudgeRow(result.judge) }),
  };
}

/**
 * One array for every row with the same short list: a run of 100k calls has a few hundred
 * distinct tag lists, and an array per row was a tenth of its memory. Rows never change them.
 */
const lists = new Map<string, readonly string[]>();
const MAX_SHARED_LISTS = 10_000;

function shareList<T extends string>(list: readonly T[]): T[] {
  const key = list.join('\u0000');
  const known = lists.get(key);
  if (known !== undefined) return known as T[];
  if (lists.size >= MAX_SHARED_LISTS) lists.clear();
  lists.set(key, list);
  return list as T[];
}

function copyUsage(usage: TrialResult['usage']): TrialResult['usage'] {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    ...(usage.cachedInputTokens ? { cachedInputTokens: usage.cachedInputTokens } : {}),
    ...(usage.cacheWriteTokens ? { cacheWriteTokens: usage.cacheWriteTokens } : {}),
  };
}

function toJudgeRow(record: NonNullable<TrialResult['judge']>): JudgeRow {
  const levels: Record<string, number> = {};
  for (const [id, grade] of Object.entries(record.dimensions)) levels[id] = grade.level;
  return { verdict: record.verdict, score: record.score, agreement: record.agreement, failedSamples: record.failedSamples, levels };
}
