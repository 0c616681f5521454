import type { Outcome } from '../parse/reply-schema.ts';
import type { TrialResult } from '../results/trial-result.ts';
import { excerptText } from '../text/plain-text.ts';

/** One row of the report's failing-cases table, its texts already cut to what the table shows. */
export interface FailingCase {
  caseId: string;
  variant: string;
  target: string;
  /** The case's to-do, on one line, at most EXCERPT_CHARS.input code points. */
  input: string;
  expectedType: string;
  outcome: Outcome;
  score: number | null;
  /** The lowest criteria reasons, worst first (or the provider's error message), each cut. */
  reasons: string[];
  /** The raw reply, or the error message when there is none, on one line and cut. */
  excerpt: string;
  /** Set when the case is unscored because the judge failed on it (its reason is in `reasons`). */
  judgeError?: true;
}

/** Failing cases report.md lists per cell unless told to list all (`--all`). */
export const FAILING_PER_CELL = 10;

/** Code points the failing-cases table shows: enough to see what went wrong, short enough to scan. */
export const EXCERPT_CHARS = { input: 120, reply: 240, reason: 120 } as const;

const MAX_REASONS = 3;

export interface FailingCollector {
  /** Offer any result; only failures (pass === false), provider errors and judge errors are kept. */
  add(result: TrialResult): void;
  /** The chosen rows: see createFailingCollector. */
  list(): FailingCase[];
}

interface Kept {
  /** When the case first failed in its cell: breaks ties so the order never depends on a sort. */
  order: number;
  row: FailingCase;
}

/**
 * Gathers the failing-cases table while results stream by. Per variant × target it keeps one row
 * per case, built from the case's worst repeat, never the TrialResult itself (raw replies run to
 * 100k characters): memory grows with failing cases × cells, not with calls or repeats.
 *
 * `list()` gives, cell by cell in order of first failure, the worst `perCell` cases: lowest score
 * first, provider errors (no score) after the scored failures, ties in order of first failure.
 */
export function createFailingCollector(perCell = FAILING_PER_CELL, options: { providerErrors?: boolean } = {}): FailingCollector {
  // report.md gives provider errors a section of their own; JUnit reports them as errors of the case.
  // A judge error is neither: its case is listed with the judge's error as the reason.
  const isKept = options.providerErrors === false ? (r: TrialResult) => r.pass === false || r.judge?.verdict === 'error' : isFailing;
  const byCell = new Map<string, Map<string, Kept>>();
  let order = 0;
  return {
    add(result) {
      if (!isKept(result)) return;
      const cellKey = JSON.stringify([result.variant, result.target]);
      let cases = byCell.get(cellKey);
      if (cases === undefined) byCell.set(cellKey, (cases = new Map()));
      const seen = cases.get(result.caseId);
      if (seen === undefined) cases.set(result.caseId, { order, row: toFailingCase(result) });
      else if (compareFailures(result, seen.row) < 0) seen.row = toFailingCase(result);
      order++;
    },
    list() {
      const selected: FailingCase[] = [];
      for (const cases of byCell.values()) {
        const worst = [...cases.values()]
          .sort((x, y) => compareFailures(x.row, y.row) || x.order - y.order)
          .slice(0, Math.max(0, perCell));
        for (const { row } of worst) selected.push(row);
      }
      return selected;
    },
  };
}

/** The same selection over a finished list of results (the `report` command, tests). */
export function selectFailingCases(results: Iterable<TrialResult>, perCell = FAILING_PER_CELL, options: { providerErrors?: boolean } = {}): FailingCase[] {
  const collector = createFailingCollector(perCell, options);
  for (const result of results) collector.add(result);
  return collector.list();
}

function isFailing(result: TrialResult): boolean {
  return result.pass === false || result.outcome === 'provider_error' || result.judge?.verdict === 'error';
}

/** Scored failures by score ascending; unscored (provider errors) last. */
function compareFailures(x: Pick<FailingCase, 'score'>, y: Pick<FailingCase, 'score'>): number {
  if (x.score === null || y.score === null) return (x.score === null ? 1 : 0) - (y.score === null ? 1 : 0);
  return x.score - y.score;
}

function toFailingCase(result: TrialResult): FailingCase {
  return {
    caseId: result.caseId,
    variant: result.variant,
    target: result.target,
    input: excerptText(result.input, EXCERPT_CHARS.input),
    expectedType: result.expectedType,
    outcome: result.outcome,
    score: result.score,
    reasons: pickReasons(result).map((reason) => excerptText(reason, EXCERPT_CHARS.reason)),
    excerpt: excerptText(result.raw ?? result.error?.message ?? '', EXCERPT_CHARS.reply),
    ...(result.judge?.verdict === 'error' ? { judgeError: true as const } : {}),
  };
}

/** The criteria that cost the most: those under full marks, lowest first, as `name: reason`. */
function pickReasons(result: TrialResult): string[] {
  if (result.outcome === 'provider_error') return result.error === null ? [] : [result.error.message];
  const errored = Object.entries(result.scores).filter(([, s]) => s.error === true);
  if (errored.length > 0) return errored.map(([name, s]) => `${name}: ${s.reason}`);
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
