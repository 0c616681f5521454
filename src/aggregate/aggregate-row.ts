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
    acceptedTypes: result.acceptedTypes,
    tags: result.tags,
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
