import type { Comparison, PairedComparison } from '../aggregate/summary-types.ts';
import { formatCount, formatDiff, formatP, halfWidth } from './format-numbers.ts';

export type ComparisonVerdict =
  | { kind: 'win'; winner: string; loser: string; margin: number; half: number }
  | { kind: 'tie'; diff: number; half: number };

/** Case ids a sentence lists per flip direction before "+N more": summary.json has them all. */
export const MAX_LISTED_FLIPS = 5;

/**
 * A win needs both the aggregator's `significant` and an interval that excludes 0 on the side of
 * the mean: an interval spanning 0 is never called a win, whatever the p-value said.
 */
export function judgeComparison(c: Pick<PairedComparison, 'a' | 'b' | 'meanDiff' | 'ci95' | 'significant'>): ComparisonVerdict {
  const half = halfWidth(c.ci95);
  const [lo, hi] = c.ci95;
  if (c.significant && lo > 0 && c.meanDiff > 0) {
    return { kind: 'win', winner: c.b, loser: c.a, margin: c.meanDiff, half };
  }
  if (c.significant && hi < 0 && c.meanDiff < 0) {
    return { kind: 'win', winner: c.a, loser: c.b, margin: -c.meanDiff, half };
  }
  // A difference that rounds to zero is shown as 0.000, not "-0.000".
  return { kind: 'tie', diff: Math.abs(c.meanDiff) < 0.0005 ? 0 : c.meanDiff, half };
}

export interface DescribeOptions {
  /** How a variant or target name is shown (a code span in markdown, bold on a terminal). */
  name: (id: string) => string;
  /** How a case id is shown in the flip lists; `name` when not given. */
  caseId?: (id: string) => string;
  /** The run compared more than one pair, so the p-value shown is Holm-adjusted: say so. */
  adjusted?: boolean;
  /** `full` (report.md) adds McNemar, the smallest detectable difference and the flips; `short` (terminal) does not. */
  detail?: 'full' | 'short';
}

/**
 * "`B` beats `A` on `mock` by 0.07 ± 0.03 (p = 0.002, Holm-adjusted, 84 cases; McNemar p = 0.01);
 * flipped from `A` to `B`: 3 to fail (…), 9 to pass (…)." or "No significant difference between
 * `A` and `B` on `mock`: `B` − `A` = 0.01 ± 0.04 (p = 0.61, 84 cases; smallest detectable
 * difference with these cases: 0.09)." The p shown is the adjusted one, the one `significant` used.
 */
export function describeComparison(c: Comparison, options: DescribeOptions): string {
  const { name } = options;
  const full = options.detail !== 'short';
  const where = c.kind === 'variants' ? `on ${name(c.target)}` : `with ${name(c.variant)}`;
  const evidence = [`${formatP(c.pAdjusted)}${options.adjusted === true ? ', Holm-adjusted' : ''}`, formatCount(c.n, 'case')].join(', ');
  const extras: string[] = [];
  if (full && c.mcnemar !== null) extras.push(`McNemar ${formatP(c.mcnemar.pValue)}`);
  const verdict = judgeComparison(c);
  if (full && verdict.kind === 'tie' && c.mde !== null) {
    extras.push(`smallest detectable difference with these cases: ${formatEffect(c.mde)}`);
  }
  const bracket = `(${[evidence, ...extras].join('; ')})`;
  const flips = full ? describeFlips(c, name, options.caseId ?? name) : '';
  if (verdict.kind === 'win') {
    return `${name(verdict.winner)} beats ${name(verdict.loser)} ${where} by ${formatDiff(verdict.margin, verdict.half)} ${bracket}${flips}.`;
  }
  return (
    `No significant difference between ${name(c.a)} and ${name(c.b)} ${where}: ` +
    `${name(c.b)} − ${name(c.a)} = ${formatDiff(verdict.diff, verdict.half)} ${bracket}${flips}.`
  );
}

/** "; flipped from `A` to `B`: 3 to fail (`c1`, `c2`, `c3`), 0 to pass", or nothing when no case flipped. */
function describeFlips(c: Comparison, name: (id: string) => string, caseId: (id: string) => string): string {
  const { toFail, toPass } = c.flipped;
  if (toFail.length === 0 && toPass.length === 0) return '';
  const list = (ids: readonly string[], label: string) => {
    if (ids.length === 0) return `0 ${label}`;
    const shown = ids.slice(0, MAX_LISTED_FLIPS).map(caseId);
    if (ids.length > MAX_LISTED_FLIPS) shown.push(`+${ids.length - MAX_LISTED_FLIPS} more`);
    return `${ids.length} ${label} (${shown.join(', ')})`;
  };
  return `; flipped from ${name(c.a)} to ${name(c.b)}: ${list(toFail, 'to fail')}, ${list(toPass, 'to pass')}`;
}

/** An effect size as people say it, two decimals, three when two would show a zero that is not one. */
function formatEffect(value: number): string {
  return value !== 0 && Math.abs(value) < 0.005 ? value.toFixed(3) : value.toFixed(2);
}
