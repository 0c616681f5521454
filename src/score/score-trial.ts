import type { Criterion, CriterionName, Rubric } from '../config/rubric-schema.ts';
import type { CriterionScorer } from './criterion-scorer.ts';
import { CRITERION_SCORERS } from './criteria/index.ts';
import type { CriterionScore, ScoreInput, TrialScore } from './score-types.ts';

/** Absorbs float noise so a weighted mean meant to be 0.7 passes a 0.7 threshold. */
const PASS_EPSILON = 1e-9;

/** Runs one criterion through its scorer from the registry. */
export function scoreCriterion(input: ScoreInput, criterion: Criterion): CriterionScore {
  // The registry is keyed by name, so the scorer found for this name takes exactly this config;
  // TypeScript cannot follow that correlation through an index, hence the cast.
  const scorer = CRITERION_SCORERS[criterion.name] as CriterionScorer<CriterionName>;
  return scorer(input, criterion);
}

/**
 * Scores one call against the rubric. Every criterion's score is kept (the report shows why a
 * gated case got 0). Keys are criterion names; a name used twice gets "#2", "#3" so none is lost.
 * With no applicable weight at all the score is null: nothing was measured, which is not a 1;
 * so it is when a criterion errs (the judge failed) and no gate failed.
 */
export function scoreTrial(input: ScoreInput, rubric: Rubric): TrialScore {
  if (input.outcome === 'provider_error') return { scores: {}, score: null, pass: null };

  const scores: Record<string, CriterionScore> = {};
  let weighted = 0;
  let totalWeight = 0;
  let gateFailed = false;
  let errored = false;
  for (const criterion of rubric.criteria) {
    const result = scoreCriterion(input, criterion);
    scores[uniqueKey(scores, criterion.name)] = result;
    if (result.error) errored = true;
    if (result.score === null) continue;
    if (criterion.gate && result.score < 1) gateFailed = true;
    weighted += criterion.weight * result.score;
    totalWeight += criterion.weight;
  }

  if (gateFailed) return { scores, score: 0, pass: 0 >= rubric.passThreshold - PASS_EPSILON };
  // A criterion that could not be graded (a failed judge) leaves the case unscored, counted apart.
  if (errored || totalWeight === 0) return { scores, score: null, pass: null };
  const score = weighted / totalWeight;
  return { scores, score, pass: score >= rubric.passThreshold - PASS_EPSILON };
}

function uniqueKey(taken: Record<string, unknown>, name: string): string {
  if (!(name in taken)) return name;
  let i = 2;
  while (`${name}#${i}` in taken) i += 1;
  return `${name}#${i}`;
}
