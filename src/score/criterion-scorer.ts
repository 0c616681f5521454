import type { Criterion, CriterionName } from '../config/rubric-schema.ts';
import type { CriterionScore, ScoreInput } from './score-types.ts';

/** The config of one criterion, by name: `CriterionConfig<'count'>` has `answer` and `question`. */
export type CriterionConfig<N extends CriterionName> = Extract<Criterion, { name: N }>;

/** Grades one aspect of a reply; `{score: null}` means "does not apply to this reply". */
export type CriterionScorer<N extends CriterionName> = (
  input: ScoreInput,
  criterion: CriterionConfig<N>,
) => CriterionScore;

export function notApplicable(reason: string): CriterionScore {
  return { score: null, reason };
}

/** Keeps a score inside [0,1] whatever rounding or a misbehaving judge produced. */
export function clampScore(score: number): number {
  return Math.min(1, Math.max(0, score));
}
