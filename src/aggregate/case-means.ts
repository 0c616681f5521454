import type { Outcome } from '../parse/reply-schema.ts';
import type { AggregateRow } from './aggregate-row.ts';

/** One case in one cell, its repeats averaged: the unit every mean, interval and test is over. */
export interface CaseMean {
  caseId: string;
  tags: string[];
  /** Mean of the scored repeats; null when no repeat was scored (all provider errors). */
  score: number | null;
  /** Share of scored repeats that passed; null when none was scored. */
  pass: number | null;
  /** Share of scored repeats whose reply type was an accepted one (classification); null when none was scored. */
  accepted: number | null;
  /** Mean score of the repeats whose reply type was accepted (quality); null when none was. */
  quality: number | null;
  /** Scored repeats (provider errors left out): 1 without repeats. */
  samples: number;
  /** The outcome of each scored repeat, in the order they came: what consistency is measured on. */
  outcomes: Outcome[];
}

/**
 * Averages repeats per case, in order of first appearance. A repeat without a score (provider
 * error) is left out of the case's means rather than counted as 0: it says nothing of the prompt.
 */
export function buildCaseMeans(rows: readonly AggregateRow[]): CaseMean[] {
  const byCase = new Map<string, { tags: string[]; scores: number[]; passes: number[]; outcomes: Outcome[]; accepted: number[]; quality: number[] }>();
  for (const row of rows) {
    let entry = byCase.get(row.caseId);
    if (entry === undefined) {
      entry = { tags: row.tags, scores: [], passes: [], outcomes: [], accepted: [], quality: [] };
      byCase.set(row.caseId, entry);
    }
    if (row.score === null) continue;
    entry.scores.push(row.score);
    entry.outcomes.push(row.outcome);
    if (row.pass !== null) entry.passes.push(row.pass ? 1 : 0);
    const accepted = (row.acceptedTypes as readonly string[]).includes(row.outcome);
    entry.accepted.push(accepted ? 1 : 0);
    if (accepted) entry.quality.push(row.score);
  }
  return [...byCase].map(([caseId, { tags, scores, passes, outcomes, accepted, quality }]) => ({
    caseId,
    tags,
    score: averageOrNull(scores),
    pass: averageOrNull(passes),
    accepted: averageOrNull(accepted),
    quality: averageOrNull(quality),
    samples: scores.length,
    outcomes,
  }));
}

function averageOrNull(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
