import type { TrialResult } from '../../src/results/trial-result.ts';
import { makeResult } from '../report/fixtures.ts';

let nextTrial = 0;

/** One scored call of a case in a cell; passes at 0.7 as the default rubric does. */
export function call(cell: string, caseId: string, score: number | null, extra: Partial<TrialResult> = {}): TrialResult {
  const [variant = 'v', target = 'mock'] = cell.split(' @ ');
  return makeResult({
    trialId: `t${nextTrial++}`,
    variant,
    target,
    caseId,
    score,
    pass: score === null ? null : score >= 0.7,
    outcome: score === null ? 'provider_error' : 'answer',
    ...extra,
  });
}

/** A cell's calls from a list of per-case scores: case ids c0, c1, …. */
export function cellCalls(cell: string, scores: readonly (number | null)[]): TrialResult[] {
  return scores.map((score, i) => call(cell, `c${i}`, score));
}
