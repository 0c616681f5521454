import type { Summary } from '../aggregate/summary-types.ts';
import { describeComparison, formatAlpha, formatRange } from './describe-comparison.ts';
import { formatCount } from './format-numbers.ts';
import { judgeDifference } from './judge-difference.ts';

/** The comparisons in a few lines, for places with no room for the matrix (the terminal, the CI job summary). */
export interface ComparisonDigest {
  /** One sentence per significant pair, marked: ▲ a difference, ≈ one under the minimum effect. */
  differences: { mark: '▲' | '≈'; text: string }[];
  /** How many pairs only the unadjusted CI separates, said plainly; null when none. */
  unadjusted: string | null;
  /** How many pairs do not differ and what they could have detected at the level used; null when none. */
  nulls: string | null;
}

export function digestComparisons(summary: Pick<Summary, 'comparisons' | 'minEffect'>, name: (id: string) => string): ComparisonDigest {
  const { comparisons, minEffect } = summary;
  const family = comparisons.length;
  const kinds = comparisons.map((c) => judgeDifference(c, minEffect));
  const differences: ComparisonDigest['differences'] = [];
  comparisons.forEach((c, i) => {
    const kind = kinds[i];
    if (kind === 'better' || kind === 'worse' || kind === 'negligible') {
      differences.push({ mark: kind === 'negligible' ? '≈' : '▲', text: describeComparison(c, { name, family, minEffect }) });
    }
  });
  const unadjustedCount = kinds.filter((k) => k === 'unadjusted').length;
  const nulls = comparisons.filter((_, i) => ['none', 'unadjusted', 'unchanged'].includes(kinds[i] ?? ''));
  let nullLine: string | null = null;
  if (nulls.length > 0) {
    const mdes = nulls.flatMap((c) => (c.mde === null ? [] : [c.mde]));
    const power = mdes.length === 0 ? 'no spread to estimate a detectable difference from' : `smallest detectable difference ${formatRange(Math.min(...mdes), Math.max(...mdes))} at 80% power, ${formatAlpha(family)}`;
    const other = nulls.length === comparisons.length ? '' : 'the other ';
    const holm = family > 1 ? `Holm over ${family}; ` : '';
    nullLine = `No significant difference in ${other}${formatCount(nulls.length, 'comparison')} (${holm}${power}).`;
  }
  return {
    differences,
    unadjusted:
      unadjustedCount === 0
        ? null
        : `${formatCount(unadjustedCount, 'more pair')}: the unadjusted 95% CI excludes 0, but not significant after Holm over ${family} comparisons (report.md lists them).`,
    nulls: nullLine,
  };
}
