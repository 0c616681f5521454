import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import type { Outcome } from '../../src/parse/reply-schema.ts';

/** One call as aggregation sees it; pass defaults to score ≥ 0.7, a provider error has neither. */
export function makeRow(fields: {
  caseId: string;
  variant?: string;
  target?: string;
  repeat?: number;
  outcome?: Outcome;
  score: number | null;
  pass?: boolean | null;
}): AggregateRow {
  const { caseId, variant = 'A', target = 'mock', repeat = 0, outcome = 'answer', score } = fields;
  return {
    caseId,
    variant,
    target,
    repeat,
    expectedType: 'answer',
    acceptedTypes: ['answer'],
    tags: [],
    outcome: score === null ? 'provider_error' : outcome,
    exactForm: score === null ? null : true,
    score,
    pass: fields.pass !== undefined ? fields.pass : score === null ? null : score >= 0.7,
    latencyMs: 100,
    usage: { inputTokens: 1, outputTokens: 1 },
    costUsd: null,
    simulated: false,
  };
}

/** One sample per case: scores[i] is case `c<i>`. */
export function makeCellRows(variant: string, target: string, scores: readonly (number | null)[]): AggregateRow[] {
  return scores.map((score, i) => makeRow({ caseId: `c${i}`, variant, target, score }));
}
