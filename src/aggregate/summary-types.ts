import type { Outcome } from '../parse/reply-schema.ts';
import type { Usage } from '../results/trial-result.ts';
import type { Classification } from './classification.ts';
import type { Quality } from './quality.ts';

export type { Classification, TypeScores } from './classification.ts';
export type { Quality } from './quality.ts';

export type OutcomeCounts = Record<Outcome, number>;

export interface TagStats {
  n: number;
  meanScore: number | null;
  passRate: number | null;
}

/** One variant × target. Means are over cases (a case's repeats averaged first). */
export interface Cell {
  variant: string;
  target: string;
  /** Cases with a score (provider errors excluded). */
  n: number;
  /** Calls made, including provider errors and repeats. */
  calls: number;
  meanScore: number | null;
  /**
   * t-based 95% interval over cases, not clipped to [0, 1] (a report's "±" is its half-width);
   * null under 2 cases, where there is no spread to estimate.
   */
  ci95: [number, number] | null;
  passRate: number | null;
  passRateCi95: [number, number] | null;
  /** Share of scored calls whose outcome the case accepts (its type, or one of its acceptable types). */
  typeAccuracy: number | null;
  /** Did replies choose the right kind (answer, question, invalid): accuracy, per-type F1, macro-F1. */
  classification: Classification;
  /** How good the replies were where their kind was acceptable: the mean score over those. */
  quality: Quality;
  /**
   * Share of replies (not provider errors) that came exactly in the variant's declared form: the
   * rest parsed only thanks to the tolerant parser, or not at all.
   */
  exactFormRate: number | null;
  outcomes: OutcomeCounts;
  /** expected type → outcome → count */
  confusion: Record<string, OutcomeCounts>;
  /** Over calls that were not provider errors; null when no call succeeded (0 would read as fast). */
  latencyMs: { p50: number | null; p95: number | null };
  usage: Usage;
  costUsd: number | null;
  /** Calls answered by the response cache (no call made this run). */
  cachedCalls?: number;
  /** Calls answered through a provider batch (`run --batch`), billed at the batch price. */
  batchCalls?: number;
  /** What the provider's prompt cache saved over the cell's calls (negative: writes cost more); null when nothing was cached. */
  promptCacheSavingUsd?: number | null;
  tags: Record<string, TagStats>;
  simulated: boolean;
  /**
   * With repeats: the mean over cases with 2+ scored repeats of the share of a case's repeats
   * whose outcome type is the case's most common one (1 = every repeat agreed). Null without repeats.
   */
  consistency: number | null;
  /**
   * Cases whose outcome type or pass/fail differed across repeats: how many, and the first
   * MAX_FLAKY_IDS of them in case order.
   */
  flaky: { count: number; caseIds: string[] };
}

/** Two cells paired by case, b − a per case (a case's repeats averaged first). */
export interface PairedComparison {
  a: string;
  b: string;
  meanDiff: number;
  /** t-interval of the mean difference (unadjusted); the point itself when every difference is the same. */
  ci95: [number, number];
  /** Two-sided, unadjusted: paired t-test, or an exact sign test when every difference is the same. */
  pValue: number;
  n: number;
  /**
   * The CI excludes 0 and pAdjusted < 0.05. With a single comparison in the run pAdjusted is
   * pValue; the sign test can veto a point CI.
   */
  significant: boolean;
  /** Which test gave pValue. */
  method: 'paired-t' | 'sign';
  /** pValue after Holm's adjustment over every comparison of the run (both kinds). */
  pAdjusted: number;
  /**
   * McNemar's exact test on the cases that passed under one side only; null unless every paired
   * case has exactly one scored sample on both sides (with repeats pass/fail is not binary).
   */
  mcnemar: { aOnly: number; bOnly: number; pValue: number } | null;
  /**
   * Paired cases whose verdict changed from a to b, sorted by id (`c2` before `c10`): toFail passed under a and
   * failed under b, toPass the reverse. With repeats a case passes when most of its repeats do;
   * a case with exactly half is in neither list.
   */
  flipped: { toFail: string[]; toPass: string[] };
  /**
   * The smallest true difference this many cases would detect at 80% power (two-sided α = 0.05)
   * given the observed SD of the differences; null when the differences have no spread.
   */
  mde: number | null;
}

/** Two variants on one target (a and b are variants). */
export interface VariantComparison extends PairedComparison {
  kind: 'variants';
  target: string;
}

/** Two targets with one variant (a and b are targets). */
export interface TargetComparison extends PairedComparison {
  kind: 'targets';
  variant: string;
}

export type Comparison = VariantComparison | TargetComparison;

export interface Summary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  simulated: boolean;
  passThreshold: number;
  cells: Cell[];
  comparisons: Comparison[];
  /** The quality gate's verdict; present when a gate option (fail under, baseline) is in effect. */
  gate?: GateVerdict;
}

/** `run --baseline / --fail-under / --max-drop` (or config `thresholds`): see src/compare/evaluate-gate.ts. */
export interface GateVerdict {
  passed: boolean;
  /** The baseline run folder as given, and its run id. */
  baseline?: string;
  baselineRunId?: string;
  failUnder?: number;
  maxDrop?: number;
  /** One line per failed check, naming the cell: what stderr shows. */
  reasons: string[];
  /** Every cell of this run, with the checks it failed (none: it passed). */
  cells: GateCell[];
  /** Baseline cells this run does not have: not checked. */
  baselineOnly: { variant: string; target: string }[];
}

export type GateCheck = 'fail-under' | 'max-drop' | 'no-score';

export interface GateCell {
  variant: string;
  target: string;
  meanScore: number | null;
  n: number;
  /** The same cell in the baseline, and this run − baseline paired by case; absent when there is none. */
  baseline?: { meanScore: number | null; n: number; diff: GateDiff | null };
  failed: GateCheck[];
}

/** A paired difference over the cases both runs scored; `significant` uses the Holm-adjusted p. */
export interface GateDiff {
  meanDiff: number;
  ci95: [number, number];
  pValue: number;
  pAdjusted: number;
  n: number;
  significant: boolean;
}
