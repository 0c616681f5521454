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
  ci95: [number, number] | null;
  passRate: number | null;
  passRateCi95: [number, number] | null;
  /** Share of scored calls whose outcome is the expected type. */
  typeAccuracy: number | null;
  outcomes: OutcomeCounts;
  /** expected type → outcome → count */
  confusion: Record<string, OutcomeCounts>;
  latencyMs: { p50: number; p95: number };
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
  ci95: [number, number];
  pValue: number;
  n: number;
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
