import type { CriterionScorer } from '../criterion-scorer.ts';
import { clampScore, notApplicable } from '../criterion-scorer.ts';

/**
 * The LLM judge's verdict, produced by the run stage. A judge that failed is an error, not a 0 and
 * not "not applicable": the case is left unscored and counted apart (a 0 would blame the prompt
 * for a broken judge; dropping the criterion would silently grade the case on easier criteria).
 * As a weight the judge gives its graded score; as a gate (`gate: true`) its pass or fail, since
 * a gate fails on anything under 1.
 */
export const scoreJudge: CriterionScorer<'judge'> = ({ judge }, criterion) => {
  if (judge === undefined) return notApplicable('no judge verdict');
  if ('error' in judge) return { score: null, reason: `judge error: ${judge.error}`, error: true };
  if (criterion.gate) return { score: judge.pass ? 1 : 0, reason: judge.reason };
  return { score: clampScore(judge.score), reason: judge.reason };
};
