import type { AggregateRow } from './aggregate-row.ts';
import { meanCi95, type Interval } from './confidence.ts';
import { mean } from './descriptive.ts';

/** How good the replies were, given a type the case accepts: what a prompt writes, apart from what it chooses. */
export interface Quality {
  /** Cases with at least one scored reply of an acceptable type. */
  n: number;
  /** Mean case score over those replies, a case's repeats averaged first. */
  mean: number | null;
  /** t-interval over cases; null under 2 cases. */
  ci95: Interval | null;
}

export function buildQuality(rows: readonly AggregateRow[]): Quality {
  const byCase = new Map<string, number[]>();
  for (const row of rows) {
    if (row.score === null || !(row.acceptedTypes as readonly string[]).includes(row.outcome)) continue;
    const list = byCase.get(row.caseId);
    if (list === undefined) byCase.set(row.caseId, [row.score]);
    else list.push(row.score);
  }
  const caseScores = [...byCase.values()].map((scores) => mean(scores) ?? 0);
  return { n: caseScores.length, mean: mean(caseScores), ci95: meanCi95(caseScores) };
}

/** Share of replies that came exactly in the variant's declared form; null when no call got a reply. */
export function buildExactFormRate(rows: readonly AggregateRow[]): number | null {
  const known = rows.filter((r) => r.outcome !== 'provider_error' && r.exactForm !== null);
  if (known.length === 0) return null;
  return known.filter((r) => r.exactForm === true).length / known.length;
}
