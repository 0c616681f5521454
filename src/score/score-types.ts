import type { Case } from '../config/case-schema.ts';
import type { Outcome, Reply } from '../parse/reply-schema.ts';

/** One criterion's verdict: a score in [0,1] with a reason, or `null` when not applicable. */
export interface CriterionScore {
  score: number | null;
  reason: string;
}

/** The judge's verdict on one reply, produced by a judge call in the run stage. */
export type JudgeVerdict = { score: number; reason: string } | { error: string };

export interface ScoreInput {
  testCase: Case;
  outcome: Outcome;
  reply: Reply | null;
  judge?: JudgeVerdict;
}

export interface TrialScore {
  scores: Record<string, CriterionScore>;
  /** Weighted mean of applicable criteria, 0 if a gate failed; null for provider errors (not the prompt's fault). */
  score: number | null;
  pass: boolean | null;
}
