import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { acceptedTypes } from '../case-text.ts';

/** Gate: the reply is a kind the case accepts (its expected type, or one listed as also acceptable). */
export const scoreType: CriterionScorer<'type'> = ({ outcome, testCase }) => {
  if (outcome === 'provider_error') return notApplicable('provider error: no reply to check');
  const accepted = acceptedTypes(testCase);
  const wanted = accepted.join(' or ');
  if ((accepted as string[]).includes(outcome)) return { score: 1, reason: `expected ${wanted}, got ${outcome}` };
  return { score: 0, reason: `expected ${wanted}, got ${outcome}` };
};
