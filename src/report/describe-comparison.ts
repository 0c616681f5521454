import type { Comparison, PairedComparison } from '../aggregate/summary-types.ts';
import { formatCount, formatP, formatTogether } from './format-numbers.ts';
import { judgeDifference, rulesOutEffect, type DifferenceKind } from './judge-difference.ts';

/** Case ids a flip list shows per direction before "+N more": summary.json has them all. */
export const MAX_LISTED_FLIPS = 5;

/** The numbers a difference sentence is built from: a run's comparison or a cell compared across runs. */
export type DifferenceStats = Pick<PairedComparison, 'meanDiff' | 'ci95' | 'pAdjusted' | 'significant' | 'n'> & {
  method?: PairedComparison['method'] | undefined;
  changed?: number | undefined;
  mde?: number | null | undefined;
};

export interface SentenceOptions {
  /** How many comparisons the p-values were Holm-adjusted over (1: none). */
  family: number;
  /** Differences smaller than this are negligible (`--min-effect`). */
  minEffect?: number | undefined;
}

export interface DescribeOptions extends SentenceOptions {
  /** How a variant or target name is shown (a code span in markdown, bold on a terminal). */
  name: (id: string) => string;
}

/**
 * One sentence per comparison, whose words follow from the numbers printed in it:
 * "`B` beats `A` on `mock` by 0.07 (95% CI [0.04, 0.10]; p = 0.002, Holm-adjusted over 3
 * comparisons; 84 cases)." — "No significant difference between `A` and `B` on `mock`: `B` − `A`
 * = 0.01 (95% CI [-0.03, 0.05]; p = 0.61; 84 cases; smallest detectable difference 0.09 at 80%
 * power, α = 0.05)." The p shown is the adjusted one, the one the decision used; the interval
 * is the unadjusted 95% one, and when only it excludes 0 the sentence says so.
 */
export function describeComparison(c: Comparison, options: DescribeOptions): string {
  const { name } = options;
  const where = c.kind === 'variants' ? `on ${name(c.target)}` : `with ${name(c.variant)}`;
  return describeDifference(c, { ...options, a: name(c.a), b: name(c.b), where });
}

export interface DifferenceWords extends SentenceOptions {
  /** The two sides as shown: the difference is b − a. */
  a: string;
  b: string;
  /** `on \`mock\``: where the pair was compared; empty when nothing needs saying. */
  where: string;
}

export function describeDifference(d: DifferenceStats, w: DifferenceWords): string {
  const kind = judgeDifference(d, w.minEffect);
  const at = w.where === '' ? '' : ` ${w.where}`;
  if (kind === 'unchanged') return `${w.a} and ${w.b}${at} scored the same on all ${formatCount(d.n, 'shared case')}: nothing changed to test.`;
  const evidence = [formatAdjustedP(d.pAdjusted, w.family), describeCases(d)];
  if (kind === 'better' || kind === 'worse' || kind === 'negligible') {
    // The winner is the subject: its lead and the interval of its lead.
    const bWins = d.meanDiff > 0;
    const [lead, lo, hi] = formatTogether(bWins ? [d.meanDiff, d.ci95[0], d.ci95[1]] : [-d.meanDiff, -d.ci95[1], -d.ci95[0]]);
    const [winner, loser] = bWins ? [w.b, w.a] : [w.a, w.b];
    const bracket = `(95% CI [${lo}, ${hi}]; ${evidence.join('; ')})`;
    if (kind === 'negligible') {
      return `${winner} beats ${loser}${at} by only ${lead} ${bracket}: below the minimum effect ${String(w.minEffect)}, negligible.`;
    }
    return `${winner} beats ${loser}${at} by ${lead} ${bracket}.`;
  }
  const [diff, lo, hi] = formatTogether([d.meanDiff, d.ci95[0], d.ci95[1]]);
  const power = describePower(d.mde, w.family);
  if (kind === 'unadjusted') {
    const after = w.family > 1 ? `not significant after Holm over ${w.family} comparisons` : 'its p-value is not under 0.05';
    return `${w.b} − ${w.a}${at} = ${diff}: the unadjusted 95% CI [${lo}, ${hi}] excludes 0, but ${after} (${[...evidence, power].join('; ')}).`;
  }
  const extras = [...evidence, power];
  if (rulesOutEffect(d.ci95, w.minEffect)) extras.push(`the CI rules out differences of ${String(w.minEffect)} or more`);
  return `No significant difference between ${w.a} and ${w.b}${at}: ${w.b} − ${w.a} = ${diff} (95% CI [${lo}, ${hi}]; ${extras.join('; ')}).`;
}

/** `p = 0.002, Holm-adjusted over 3 comparisons`, or just the p when nothing was adjusted. */
export function formatAdjustedP(pAdjusted: number, family: number): string {
  return family > 1 ? `${formatP(pAdjusted)}, Holm-adjusted over ${family} comparisons` : formatP(pAdjusted);
}

/** `84 cases`, and for the exact test how many of them changed. */
function describeCases(d: DifferenceStats): string {
  const cases = formatCount(d.n, 'case');
  return d.method === 'sign-flip' && d.changed !== undefined ? `${cases}, ${d.changed} changed: exact sign-flip test` : cases;
}

/** The level a lone difference must clear, as the docs write it. */
export function formatAlpha(family: number): string {
  return family > 1 ? `α = 0.05/${family}` : 'α = 0.05';
}

/** What a null result could have seen: the smallest difference found with 80% power at the level used. */
export function describePower(mde: number | null | undefined, family: number): string {
  if (mde === null || mde === undefined) return 'no spread in the differences to estimate a detectable difference from';
  return `smallest detectable difference ${formatEffect(mde)} at 80% power, ${formatAlpha(family)}`;
}

/** An effect size as people say it: two decimals, more when two would show a zero that is not one. */
export function formatEffect(value: number): string {
  return formatTogether([value])[0] ?? String(value);
}

/** `0.06 to 0.11`, or one number when both print the same. */
export function formatRange(lo: number, hi: number): string {
  const a = formatEffect(lo);
  const b = formatEffect(hi);
  return a === b ? a : `${a} to ${b}`;
}

/** `3 to fail (`c1`, `c2`, `c3`), 0 to pass`, or '' when no case flipped. */
export function describeFlips(flipped: PairedComparison['flipped'], caseId: (id: string) => string): string {
  const { toFail, toPass } = flipped;
  if (toFail.length === 0 && toPass.length === 0) return '';
  const list = (ids: readonly string[], label: string) => {
    if (ids.length === 0) return `0 ${label}`;
    const shown = ids.slice(0, MAX_LISTED_FLIPS).map(caseId);
    if (ids.length > MAX_LISTED_FLIPS) shown.push(`+${ids.length - MAX_LISTED_FLIPS} more`);
    return `${ids.length} ${label} (${shown.join(', ')})`;
  };
  return `${list(toFail, 'to fail')}, ${list(toPass, 'to pass')}`;
}

export type { DifferenceKind };
