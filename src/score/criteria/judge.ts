import type { CriterionScorer } from '../criterion-scorer.ts';
import { clampScore, notApplicable } from '../criterion-scorer.ts';

/**
 * The LLM judge's verdict, produced by the run stage. A judge that failed scores 0 rather than n/a:
 * dropping the criterion would silently change what the case score measures, and a CI gate should
 * fail loudly on a broken judge rather than pass on the remaining, easier criteria.
 */
export const scoreJudge: CriterionScorer<'judge'> = ({ judge }) => {
  if (judge === undefined) return notApplicable('no judge verdict');
  if ('error' in judge) return { score: 0, reason: `judge error: ${judge.error}` };
  if (!Number.isFinite(judge.score)) return { score: 0, reason: `judge gave no usable score: ${judge.reason}` };
  return { score: clampScore(judge.score), reason: judge.reason };
};
