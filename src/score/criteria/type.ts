import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';

/** Gate: the reply is the kind the case expects (answer, question or invalid). */
export const scoreType: CriterionScorer<'type'> = ({ outcome, testCase }) => {
  if (outcome === 'provider_error') return notApplicable('provider error: no reply to check');
  const expected = testCase.expect.type;
  if (outcome === expected) return { score: 1, reason: `expected ${expected}, got ${outcome}` };
  return { score: 0, reason: `expected ${expected}, got ${outcome}` };
};
