import { sortCaseIds } from './sort-case-ids.ts';
import type { Outcome } from '../parse/reply-schema.ts';
import type { CaseMean } from './case-means.ts';

/** How many flaky case ids a cell lists in summary.json; the count is always whole. */
export const MAX_FLAKY_IDS = 20;

export interface CaseConsistency {
  /** Share of the case's scored repeats whose outcome is its most common outcome (1/k to 1). */
  agreement: number;
  /** The outcome type or the pass/fail verdict differed across repeats. */
  flaky: boolean;
}

export interface CellConsistency {
  /** Mean agreement over cases with 2+ scored repeats; null when no case was repeated. */
  consistency: number | null;
  flaky: { count: number; caseIds: string[] };
}

/**
 * Null under 2 scored repeats: one sample cannot disagree with itself. A pass share strictly
 * between 0 and 1 means some repeats passed and some failed, so the case is flaky even when every
 * repeat gave the same outcome type (a score near the threshold).
 */
export function measureCaseConsistency(c: Pick<CaseMean, 'outcomes' | 'pass'>): CaseConsistency | null {
  if (c.outcomes.length < 2) return null;
  const counts = new Map<Outcome, number>();
  for (const outcome of c.outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const mixedPass = c.pass !== null && c.pass > 0 && c.pass < 1;
  return { agreement: top / c.outcomes.length, flaky: counts.size > 1 || mixedPass };
}

/** A cell's consistency and its flaky cases, in case order, the first `maxIds` listed. */
export function summarizeConsistency(cases: readonly CaseMean[], maxIds = MAX_FLAKY_IDS): CellConsistency {
  let sum = 0;
  let repeated = 0;
  const flakyIds: string[] = [];
  for (const c of cases) {
    const measured = measureCaseConsistency(c);
    if (measured === null) continue;
    sum += measured.agreement;
    repeated++;
    if (measured.flaky) flakyIds.push(c.caseId);
  }
  return {
    consistency: repeated === 0 ? null : sum / repeated,
    flaky: { count: flakyIds.length, caseIds: sortCaseIds(flakyIds).slice(0, Math.max(0, maxIds)) },
  };
}
