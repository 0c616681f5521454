import type { Case } from '../config/case-schema.ts';
import type { Outcome, Reply } from '../parse/reply-schema.ts';

/** One criterion's verdict: a score in [0,1] with a reason, or `null` when not applicable. */
export interface CriterionScore {
  score: number | null;
  reason: string;
  /**
   * The criterion could not be graded (the judge failed): the case is then not scored at all —
   * counted apart like a provider error, never a silent 0 or pass.
   */
  error?: true;
}

/** The judge's verdict on one reply, produced by judge calls in the run stage. */
export type JudgeVerdict = { score: number; pass: boolean; reason: string } | { error: string };

/** What the prompt itself asked for, where the rubric should hold replies to it. */
export interface PromptExpectations {
  /** The fixed refusal the prompt asks for (its `refusal:` or its invalid example). */
  refusal: string | null;
  /** The item length the prompt states. */
  maxItemChars: number | null;
}

export const NO_EXPECTATIONS: PromptExpectations = { refusal: null, maxItemChars: null };

export interface ScoreInput {
  testCase: Case;
  outcome: Outcome;
  reply: Reply | null;
  /** @default NO_EXPECTATIONS */
  prompt?: PromptExpectations;
  judge?: JudgeVerdict;
}

export interface TrialScore {
  scores: Record<string, CriterionScore>;
  /** Weighted mean of applicable criteria, 0 if a gate failed; null for provider errors (not the prompt's fault). */
  score: number | null;
  pass: boolean | null;
}
