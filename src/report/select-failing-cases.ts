import type { Outcome } from '../parse/reply-schema.ts';
import type { TrialResult } from '../run/result.ts';

/** One row of the report's failing-cases table. */
export interface FailingCase {
  caseId: string;
  variant: string;
  target: string;
  input: string;
  expectedType: string;
  outcome: Outcome;
  score: number | null;
  /** The lowest criteria reasons, worst first (or the provider's error message). */
  reasons: string[];
  /** The raw reply, or the error message when there is none. */
  excerpt: string;
}

const MAX_REASONS = 3;

/**
 * Failed trials (pass === false) and provider errors, worst score first, provider errors after
 * the scored failures, at most `perCell` per variant × target. A case failing in several repeats
 * shows once, by its worst repeat, so the rows show different cases.
 */
export function selectFailingCases(
  results: Iterable<TrialResult>,
  inputs: Map<string, string> | Record<string, string> = {},
  perCell = 10,
): FailingCase[] {
  const lookup = inputs instanceof Map ? (id: string) => inputs.get(id) : (id: string) => inputs[id];
  const byCell = new Map<string, Map<string, { order: number; result: TrialResult }>>();
  let order = 0;
  for (const result of results) {
    if (!isFailing(result)) continue;
    const cellKey = JSON.stringify([result.variant, result.target]);
    let cases = byCell.get(cellKey);
    if (cases === undefined) byCell.set(cellKey, (cases = new Map()));
    const seen = cases.get(result.caseId);
    if (seen === undefined || compareFailures(result, seen.result) < 0) {
      cases.set(result.caseId, { order: seen?.order ?? order, result });
    }
    order++;
  }
  const selected: FailingCase[] = [];
  for (const cases of byCell.values()) {
    const worst = [...cases.values()]
      .sort((x, y) => compareFailures(x.result, y.result) || x.order - y.order)
      .slice(0, Math.max(0, perCell));
    for (const { result } of worst) selected.push(toFailingCase(result, result.input || (lookup(result.caseId) ?? '')));
  }
  return selected;
}

function isFailing(result: TrialResult): boolean {
  return result.pass === false || result.outcome === 'provider_error';
}

/** Scored failures by score ascending; unscored (provider errors) last. */
function compareFailures(x: TrialResult, y: TrialResult): number {
  if (x.score === null || y.score === null) return (x.score === null ? 1 : 0) - (y.score === null ? 1 : 0);
  return x.score - y.score;
}

function toFailingCase(result: TrialResult, input: string): FailingCase {
  return {
    caseId: result.caseId,
    variant: result.variant,
    target: result.target,
    input,
    expectedType: result.expectedType,
    outcome: result.outcome,
    score: result.score,
    reasons: pickReasons(result),
    excerpt: result.raw ?? result.error?.message ?? '',
  };
}

/** The criteria that cost the most: those under full marks, lowest first, as `name: reason`. */
function pickReasons(result: TrialResult): string[] {
  if (result.outcome === 'provider_error') return result.error === null ? [] : [result.error.message];
  const lost = Object.entries(result.scores)
    .filter((entry): entry is [string, { score: number; reason: string }] => {
      const score = entry[1].score;
      return score !== null && score < 1;
    })
    .sort((x, y) => x[1].score - y[1].score)
    .slice(0, MAX_REASONS)
    .map(([name, s]) => `${name}: ${s.reason}`);
  if (lost.length > 0) return lost;
  return result.error === null ? [] : [result.error.message];
}
