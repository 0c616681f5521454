import type { TrialResult } from '../run/result.ts';

/** What aggregation needs from one call: no reply, raw text or scores, so a big run stays small in memory. */
export type AggregateRow = Pick<
  TrialResult,
  | 'caseId'
  | 'variant'
  | 'target'
  | 'repeat'
  | 'expectedType'
  | 'tags'
  | 'outcome'
  | 'score'
  | 'pass'
  | 'latencyMs'
  | 'usage'
  | 'costUsd'
  | 'simulated'
> & {
  /** The reply types that count as right for the case (its expected type when the row does not say). */
  acceptedTypes?: readonly string[];
};

/** Drops everything aggregation does not read (model text above all) from a results.jsonl line. */
export function toAggregateRow(result: TrialResult): AggregateRow {
  return {
    caseId: result.caseId,
    variant: result.variant,
    target: result.target,
    repeat: result.repeat,
    expectedType: result.expectedType,
    tags: result.tags,
    outcome: result.outcome,
    score: result.score,
    pass: result.pass,
    latencyMs: result.latencyMs,
    usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens },
    costUsd: result.costUsd,
    simulated: result.simulated,
    acceptedTypes: acceptedTypesOf(result),
  };
}

/** Results written before rows listed their accepted types accept only the expected type. */
function acceptedTypesOf(result: TrialResult): readonly string[] {
  const listed = (result as Partial<Record<'acceptedTypes', unknown>>).acceptedTypes;
  return Array.isArray(listed) ? listed.filter((t): t is string => typeof t === 'string') : [result.expectedType];
}
