import type { Summary } from '../aggregate/summary-types.ts';
import { digestComparisons } from './comparison-digest.ts';
import { formatCount } from './format-numbers.ts';

/**
 * What the order of a ranking rests on, in one plain sentence for under its table (report.md,
 * report.html): a rank is a sort by mean score, and without a significant difference behind it a
 * higher row is no finding. Null when the run has nothing to compare.
 */
export function describeRankingOrder(summary: Pick<Summary, 'comparisons' | 'minEffect'>): string | null {
  const family = summary.comparisons.length;
  if (family === 0) return null;
  const digest = digestComparisons(summary, (id) => id);
  const real = digest.differences.filter((d) => d.mark === '▲').length;
  if (real === 0) return `The order is by mean score. ${digest.nulls ?? 'No significant difference.'} Read the order as a tie: no cell is shown better than another.`;
  const rest = real === family ? '' : '; where no such difference stands between two rows, their order is not shown to be more than noise';
  return `The order is by mean score. ${real} of ${formatCount(family, 'comparison')} ${real === 1 ? 'differs' : 'differ'} significantly (listed under the comparisons)${rest}.`;
}
