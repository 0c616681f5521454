export { scoreTrial, scoreCriterion } from './score-trial.ts';
export { CRITERION_SCORERS } from './criteria/index.ts';
export type { CriterionConfig, CriterionScorer } from './criterion-scorer.ts';
export type { CriterionScore, JudgeVerdict, ScoreInput, TrialScore } from './score-types.ts';
