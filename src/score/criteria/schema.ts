import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';

const FAILURES: Record<string, string> = {
  format_error: 'format_error: no parseable reply',
  schema_error: 'schema_error: parsed, but not the reply schema',
};

/** Gate: the reply parsed into the normalized schema. */
export const scoreSchema: CriterionScorer<'schema'> = ({ outcome }) => {
  if (outcome === 'provider_error') return notApplicable('provider error: no reply to check');
  const failure = FAILURES[outcome];
  if (failure !== undefined) return { score: 0, reason: failure };
  return { score: 1, reason: `valid ${outcome}` };
};
