import type { Comparison } from '../aggregate/summary-types.ts';
import { formatCount, formatDiff, formatP, halfWidth } from './format-numbers.ts';

export type ComparisonVerdict =
  | { kind: 'win'; winner: string; loser: string; margin: number; half: number }
  | { kind: 'tie'; diff: number; half: number };

/**
 * A win needs both the aggregator's `significant` and an interval that excludes 0 on the side of
 * the mean: an interval spanning 0 is never called a win, whatever the p-value said.
 */
export function judgeComparison(c: Comparison): ComparisonVerdict {
  const half = halfWidth(c.ci95);
  const [lo, hi] = c.ci95;
  if (c.significant && lo > 0 && c.meanDiff > 0) {
    return { kind: 'win', winner: c.b, loser: c.a, margin: c.meanDiff, half };
  }
  if (c.significant && hi < 0 && c.meanDiff < 0) {
    return { kind: 'win', winner: c.a, loser: c.b, margin: -c.meanDiff, half };
  }
  return { kind: 'tie', diff: c.meanDiff, half };
}

export interface DescribeOptions {
  /** How a variant or target name is shown (a code span in markdown, a colour on a terminal). */
  name: (id: string) => string;
  /** Say the target in a win too (the terminal has no per-target heading). */
  withTarget?: boolean;
}

/**
 * "`B` beats `A` by 0.07 ± 0.03 (p = 0.002, 84 cases)." or
 * "No significant difference between `A` and `B` on t: B − A = 0.01 ± 0.04 (p = 0.61, 84 cases)."
 */
export function describeComparison(c: Comparison, options: DescribeOptions): string {
  const { name } = options;
  const evidence = `(${formatP(c.pValue)}, ${formatCount(c.n, 'case')})`;
  const verdict = judgeComparison(c);
  if (verdict.kind === 'win') {
    const where = options.withTarget === true ? ` on ${name(c.target)}` : '';
    return `${name(verdict.winner)} beats ${name(verdict.loser)}${where} by ${formatDiff(verdict.margin, verdict.half)} ${evidence}.`;
  }
  return (
    `No significant difference between ${name(c.a)} and ${name(c.b)} on ${name(c.target)}: ` +
    `${name(c.b)} − ${name(c.a)} = ${formatDiff(verdict.diff, verdict.half)} ${evidence}.`
  );
}
