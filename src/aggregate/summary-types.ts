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
  /** The judge's verdicts on this cell's replies; present when the run had a judge. */
  judge?: JudgeCellStats;
}

/** See buildJudgeStats. */
export interface JudgeCellStats {
  /** Calls the judge was asked about (replies that passed every gate). */
  asked: number;
  /** Of those, verdicts that were usable. */
  graded: number;
  /** Verdicts that were not: these cases are unscored, counted apart. */
  errors: number;
  /** Judge samples that failed (a call error or a verdict that did not fit), errors or not. */
  failedSamples: number;
  /** Share of graded calls the judge passed. */
  passRate: number | null;
  meanScore: number | null;
  /** With `judge.repeat` > 1: mean share of a call's samples that agreed with its verdict. */
  consistency: number | null;
  /** Dimension id → graded calls and their mean level (0–2). */
  dimensions: Record<string, { n: number; meanLevel: number }>;
}

/** Who judged the run, with what, and how far to trust it. */
export interface JudgeInfo {
  target: string;
  provider: string;
  model: string;
  /** The mock judge: its verdicts are made up, and the whole run is marked simulated. */
  simulated: boolean;
  rubricFile: string;
  rubricId: string;
  rubricHash: string;
  repeat: number;
  reduce: 'majority' | 'mean';
  temperature: number;
  /** The judge's last calibration against people, or null when it was never calibrated. */
  calibration: JudgeCalibrationRef | null;
  /** Targets that are the same model as the judge (a judge may favour its own replies). */
  sameModelAs: string[];
}

/** The stored figure a report cites: see src/calibrate/calibration-file.ts. */
export interface JudgeCalibrationRef {
  date: string;
  model: string;
  labeled: { n: number; accuracy: number | null; kappa: number | null; spearman: number | null } | null;
  pairs: { n: number; agreement: number | null } | null;
  /** The rubric it was calibrated with is the one in use now (same id and content). */
  current: boolean;
}

/** The judge over the whole run. */
export interface JudgeSummary extends JudgeInfo {
  asked: number;
  graded: number;
  errors: number;
}

/**
 * Two variants on one target, judged head to head on the same cases in both orders (see
 * docs/judge.md). Counted by case: a case's repeats vote, and its majority is its outcome.
 */
export interface PairwiseSummary {
  a: string;
  b: string;
  target: string;
  /** Cases with a verdict (both sides replied and the judge answered in both orders). */
  n: number;
  wins: number;
  ties: number;
  losses: number;
  /** a's share of the decisive cases (wins / (wins + losses)); null when every case was a tie. */
  winRate: number | null;
  /** Wilson 95% interval of winRate. */
  winRateCi95: [number, number] | null;
  /** Exact two-sided sign test over the decisive cases (ties dropped). */
  signTestP: number;
  /** Pairs where both orders named a winner but not the same one: counted as ties. */
  orderDisagreements: number;
  /** Of the single orders with a winner, how often the reply shown first won. */
  positionBias: { firstWins: number; decisive: number; rate: number | null; ci95: [number, number] | null; pValue: number; biased: boolean };
  /** Pairs not judged: one or both replies missing (format or provider errors). */
  unjudged: number;
  /** Pairs whose judge calls failed or answered unusably. */
  errors: number;
}

/** Two cells paired by case, b − a per case (a case's repeats averaged first). */
export interface PairedComparison {
  a: string;
  b: string;
  meanDiff: number;
  /**
   * Unadjusted 95% interval of the mean difference from the test in `method` (symmetric for the
   * t-test, not for the sign-flip test); a point only when every difference is 0.
   */
  ci95: [number, number];
  /** Two-sided, unadjusted, from the test in `method`. */
  pValue: number;
  n: number;
  /** pAdjusted < 0.05 (and so the unadjusted CI excludes 0). With a single comparison pAdjusted is pValue. */
  significant: boolean;
  /**
   * Which test gave pValue and ci95: `paired-t`, or the exact `sign-flip` test when fewer than 20
   * cases changed or every change has the same size (0/1 scores). Summaries written before it
   * existed say `sign` for the old all-equal fallback.
   */
  method: 'paired-t' | 'sign-flip' | 'sign';
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
   * The smallest true difference this many cases would detect at 80% power, two-sided at
   * `mdeAlpha` (0.05 / the number of comparisons: the level Holm holds a lone difference to),
   * given the observed SD of the differences; null when the differences have no spread.
   */
  mde: number | null;
  /** The two-sided α `mde` is stated at. */
  mdeAlpha: number;
  /** Paired cases whose score changed at all (|b − a| > 1e-9). */
  changed: number;
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
  /** `--min-effect`: differences smaller than this are reported as negligible. */
  minEffect?: number;
  /** The quality gate's verdict; present when a gate option (fail under, baseline) is in effect. */
  gate?: GateVerdict;
  /** The LLM judge, when the run had one: who, with which rubric, its calibration, its errors. */
  judge?: JudgeSummary;
  /** Head-to-head comparisons by the judge (`judge.pairwise`, `run --pairwise`). */
  pairwise?: PairwiseSummary[];
  /**
   * How often the run's rubric agreed with people on the project's labeled set when the run was
   * made (`subtodo-eval calibrate`); absent when the project has no labeled set.
   */
  rubricCalibration?: RubricCalibration;
}

/** The rubric's agreement with human verdicts, as report.md cites it. */
export interface RubricCalibration {
  labeledFiles: string[];
  /** Good replies and replies whose fault the reply itself shows. */
  shown: AgreementFigure;
  /** Faults only the meaning shows: what a judge is for. */
  meaning: AgreementFigure;
}

export interface AgreementFigure {
  n: number;
  accuracy: number | null;
  kappa: number | null;
}

/** How a drop against the baseline is judged; see src/compare/evaluate-gate.ts. */
export type GateMode = 'max-drop' | 'non-inferiority';
/** What `--fail-under` and the drop are measured on. */
export type GateMetric = 'score' | 'quality' | 'classification';

/** `run --baseline / --fail-under / --max-drop / --gate / --gate-metric` (or config `thresholds`): see src/compare/evaluate-gate.ts. */
export interface GateVerdict {
  passed: boolean;
  /** The baseline run folder as given, and its run id. */
  baseline?: string;
  baselineRunId?: string;
  failUnder?: number;
  maxDrop?: number;
  /** With a baseline: how a drop is judged. */
  mode?: GateMode;
  /** What the checks measure; `score` when absent (summaries written before it existed). */
  metric?: GateMetric;
  /** One line per failed check, naming the cell: what stderr shows. */
  reasons: string[];
  /** Every cell of this run, with the checks it failed (none: it passed). */
  cells: GateCell[];
  /** Baseline cells this run does not have: not checked. */
  baselineOnly: { variant: string; target: string }[];
}

export type GateCheck = 'fail-under' | 'max-drop' | 'non-inferiority' | 'no-score';

export interface GateCell {
  variant: string;
  target: string;
  meanScore: number | null;
  n: number;
  /** The gated metric over this cell's cases (meanScore for `score`), and how many cases it covers. */
  value?: number | null;
  valueN?: number;
  /** The same cell in the baseline, and this run − baseline of the metric, paired by case; absent when there is none. */
  baseline?: { meanScore: number | null; n: number; value?: number | null; valueN?: number; diff: GateDiff | null };
  failed: GateCheck[];
}

/** A paired difference over the cases both runs have a value for; `significant` uses the Holm-adjusted two-sided p. */
export interface GateDiff {
  meanDiff: number;
  ci95: [number, number];
  pValue: number;
  pAdjusted: number;
  n: number;
  significant: boolean;
  method?: 'paired-t' | 'sign-flip';
  changed?: number;
  /** The smallest true difference these cases would find at 80% power, two-sided at `mdeAlpha` (0.05 / cells tested). */
  mde?: number | null;
  mdeAlpha?: number;
  /** The test against the margin that decided the cell (runs with a baseline). */
  margin?: GateMarginTest;
}

/**
 * max-drop: is there evidence the drop exceeds D? `bound` is the one-sided upper bound of
 * candidate − baseline, at the Holm-adjusted level (`confidence` = 1 − 0.05 · pValue / pAdjusted),
 * and the cell fails when it is below −D. non-inferiority: is there evidence the drop is under D?
 * `bound` is the one-sided 95% lower bound, and the cell fails unless it is above −D.
 */
export interface GateMarginTest {
  mode: GateMode;
  /** D. */
  margin: number;
  bound: number;
  /** One-sided confidence of `bound`. */
  confidence: number;
  /** One-sided p of the margin hypothesis, and after Holm over `family` cells (the same in non-inferiority). */
  pValue: number;
  pAdjusted: number;
  family: number;
  /** The smallest true drop that fails this cell with 80% power; null without spread to go on. */
  detectableDrop: number | null;
  /** non-inferiority: the chance that a change with no true effect passes. */
  passChance: number | null;
}
