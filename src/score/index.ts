export { scoreTrial, scoreCriterion } from './score-trial.ts';
export { CRITERION_SCORERS } from './criteria/index.ts';
export type { CriterionConfig, CriterionScorer } from './criterion-scorer.ts';
export type { CriterionScore, JudgeVerdict, PromptExpectations, ScoreInput, TrialScore } from './score-types.ts';
export { NO_EXPECTATIONS } from './score-types.ts';
export { acceptedTypes, caseLanguage } from './case-text.ts';
