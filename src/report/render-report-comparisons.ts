import type { Comparison, Summary } from '../aggregate/summary-types.ts';
import { describeComparison } from './describe-comparison.ts';
import { formatCode } from './escape-markdown.ts';

/**
 * The paired comparisons in words: variant pairs grouped by target, then target pairs grouped by
 * variant, each group in the order the aggregator listed them.
 */
export function renderComparisonSection(summary: Summary): string {
  const { comparisons } = summary;
  if (comparisons.length === 0) return `## Comparisons\n\n_No comparisons: ${explainNone(summary)}._`;
  const adjusted = comparisons.length > 1;
  const groups = new Map<string, { heading: string; items: Comparison[] }>();
  for (const c of comparisons) {
    const key = JSON.stringify(c.kind === 'variants' ? [c.kind, c.target] : [c.kind, c.variant]);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { heading: headingOf(c, summary), items: [] }));
    group.items.push(c);
  }
  const blocks = [...groups.values()].map(({ heading, items }) => {
    const lines = items.map((c) => `- ${describeComparison(c, { name: formatCode, adjusted, detail: 'full' })}`);
    return `${heading}\n\n${lines.join('\n')}`;
  });
  return ['## Comparisons', introOf(comparisons.length), ...blocks].join('\n\n');
}

function introOf(count: number): string {
  const rule =
    count > 1
      ? `its p-value, Holm-adjusted over all ${count} comparisons of this run, is under 0.05`
      : 'its p-value is under 0.05 (a single comparison: nothing to adjust)';
  return (
    'Paired by case (b − a per case, a case’s repeats averaged first). A difference counts only when ' +
    `its 95% CI excludes 0 and ${rule}. “Flipped” lists the cases whose pass/fail verdict changed ` +
    '(with repeats, the majority verdict). McNemar’s exact test on those cases is shown when every case ran once.'
  );
}

function headingOf(c: Comparison, summary: Summary): string {
  if (c.kind === 'targets') return `### Targets with ${formatCode(c.variant)}`;
  const simulated = summary.cells.some((cell) => cell.target === c.target && cell.simulated);
  return `### Variants on ${formatCode(c.target)}${simulated ? ' (simulated)' : ''}`;
}

function explainNone(summary: Summary): string {
  const variants = new Set(summary.cells.map((c) => c.variant)).size;
  const targets = new Set(summary.cells.map((c) => c.target)).size;
  if (variants < 2 && targets < 2) return 'the run has a single variant and a single target';
  return 'no two cells that share a target or a variant have two or more scored cases in common';
}
