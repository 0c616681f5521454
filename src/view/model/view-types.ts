import type { Cell, Comparison, GateVerdict, Summary } from '../../aggregate/summary-types.ts';
import type { Outcome, Reply } from '../../parse/reply-schema.ts';
import type { Message } from '../../render/message-types.ts';
import type { CallError, Usage } from '../../results/trial-result.ts';
import type { CriterionScore } from '../../score/score-types.ts';

/**
 * One run as every view shows it: report.html, the viewer, and the parts of report.md and the
 * terminal that need more than summary.json (criteria, provider errors, cache hits). Plain JSON:
 * the page reads it from the file or from the viewer's server.
 */
export interface ViewModel {
  /** Bumped when a field changes meaning; the page refuses a model it does not know. */
  schema: 1;
  run: ViewRun;
  /** Ranked best first (ties share a rank). */
  cells: ViewCell[];
  comparisons: Comparison[];
  /** What the ranking's order rests on (see describeRankingOrder); absent in models written before it. */
  rankingOrder?: string | null;
  /** Criterion names in the order the rubric scored them. */
  criteria: string[];
  /** Every tag of the run's cases, sorted. */
  tags: string[];
  /** Every case of the run, in the order its results first arrived. */
  cases: ViewCase[];
  /** One per call up to TRIAL_BUDGET (the rest are counted in `trialsDropped`); `detail` is null past the text budget (see DETAIL_BUDGET). */
  trials: ViewTrial[];
  /** Calls past TRIAL_BUDGET: counted in every table and chart, not listed in the case explorer. 0 normally. */
  trialsDropped: number;
  providerErrors: ProviderErrorGroup[];
  /** The exact messages each variant sent, or why they cannot be shown. */
  prompts: ViewPrompts;
  /** Trials whose texts were dropped to keep the file small: 0 normally. */
  detailDropped: number;
}

export interface ViewRun extends Pick<Summary, 'runId' | 'startedAt' | 'finishedAt' | 'complete' | 'simulated' | 'passThreshold'> {
  /** Calls the plan had; null when run.json is not known. */
  plannedCalls: number | null;
  calls: number;
  repeat: number;
  gate: GateVerdict | null;
}

/** Classification and quality, as the summary gives them once the scoring has them. */
export interface ViewClassification {
  n: number;
  accuracy: number | null;
  accuracyCi95: [number, number] | null;
  macroF1: number | null;
}

export interface ViewQuality {
  n: number;
  mean: number | null;
  ci95: [number, number] | null;
}

/** The summary's numbers for a cell a view shows, as summary.json has them. */
export const CELL_FIELDS = ['variant', 'target', 'simulated', 'n', 'calls', 'meanScore', 'ci95', 'passRate', 'passRateCi95', 'typeAccuracy', 'outcomes', 'confusion', 'latencyMs', 'usage', 'costUsd', 'tags', 'consistency', 'flaky'] as const;

export interface ViewCell extends Pick<Cell, (typeof CELL_FIELDS)[number]> {
  /** Index in `cells`, used by trials. */
  index: number;
  rank: number | null;
  classification: ViewClassification | null;
  quality: ViewQuality | null;
  /** Share of parsed replies that came exactly in the variant's declared form; null when unknown. */
  exactFormRate: number | null;
  /** Criterion → mean over the calls it applied to (provider errors excluded), and how many. */
  criteria: Record<string, { mean: number | null; n: number }>;
  /** Calls answered from the response cache. */
  cached: number;
  /** Judge calls that failed, when the summary counts them; null when it does not. */
  judgeErrors: number | null;
  /** Failing cases (worst repeat below the pass threshold, or a provider error). */
  failingCases: number;
}

export interface ViewCase {
  id: string;
  input: string;
  expectedType: string;
  tags: string[];
}

export interface ViewTrial {
  case: number;
  cell: number;
  repeat: number;
  outcome: Outcome;
  score: number | null;
  pass: boolean | null;
  latencyMs: number;
  usage: Usage;
  judgeUsage: Usage | null;
  costUsd: number | null;
  cached: boolean;
  attempts: number;
  detail: ViewTrialDetail | null;
}

/** The texts of one call: what takes room. */
export interface ViewTrialDetail {
  trialId: string;
  reply: Reply | null;
  raw: string | null;
  rawTruncated: boolean;
  error: CallError | null;
  scores: Record<string, CriterionScore>;
}

export interface ProviderErrorGroup {
  target: string;
  status: number | null;
  message: string;
  count: number;
  /** The first few cases it hit, as `caseId (variant)`. */
  examples: string[];
}

/**
 * Messages are stored once per variant where they repeat (system prompt, example turns, the
 * template around the to-do); per case only what differs. `join` rebuilds them exactly.
 */
export interface ViewPrompts {
  /** Why no messages are shown, when none are. */
  unavailable: string | null;
  variants: Record<string, VariantFrame>;
  /** `variant\u0000caseId` → the case's turns after the shared ones; a turn in the variant's frame keeps only its middle. */
  cases: Record<string, { turns: StoredTurn[] }>;
}

/** A turn as sent, or a user turn made of the variant's frame around `middle`. */
export type StoredTurn = Message | { role: 'user'; middle: string };

export interface VariantFrame {
  system: string;
  shots: Message[];
  userPrefix: string;
  userSuffix: string;
}
