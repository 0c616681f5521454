import type { Outcome } from '../parse/reply-schema.ts';
import type { Usage } from '../run/result.ts';

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
  /** Share of scored calls whose outcome is the expected type. */
  typeAccuracy: number | null;
  outcomes: OutcomeCounts;
  /** expected type → outcome → count */
  confusion: Record<string, OutcomeCounts>;
  /** Over calls that were not provider errors; null when no call succeeded (0 would read as fast). */
  latencyMs: { p50: number | null; p95: number | null };
  usage: Usage;
  costUsd: number | null;
  tags: Record<string, TagStats>;
  simulated: boolean;
}

/** Two variants on one target, paired by case: b − a. */
export interface Comparison {
  target: string;
  a: string;
  b: string;
  meanDiff: number;
  /** t-interval of the mean difference; the point itself when every difference is the same. */
  ci95: [number, number];
  /** Two-sided: paired t-test, or an exact sign test when every difference is the same. */
  pValue: number;
  n: number;
  /** The CI excludes 0 and p < 0.05 (the two agree for the t-test; the sign test can veto a point CI). */
  significant: boolean;
}

export interface Summary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  simulated: boolean;
  passThreshold: number;
  cells: Cell[];
  comparisons: Comparison[];
}
