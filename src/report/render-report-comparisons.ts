import type { Comparison, Summary } from '../aggregate/summary-types.ts';
import { describeComparison, describeFlips, formatAlpha, formatRange } from './describe-comparison.ts';
import { escapeCell, formatCode } from './escape-markdown.ts';
import { formatCount, formatP, formatTogether, signed } from './format-numbers.ts';
import { judgeDifference, type DifferenceKind } from './judge-difference.ts';
import { renderMarkdownTable } from './markdown-table.ts';

/** Pairs whose flipped cases the collapsed list shows; the rest are counted. */
export const MAX_FLIP_PAIRS = 20;

const MARK: Record<DifferenceKind, string> = { better: '▲', worse: '▼', negligible: '≈', unadjusted: '†', none: '', unchanged: '=' };

interface Group {
  heading: string;
  /** Row and column names in order: variants on a target, or targets with a variant. */
  names: string[];
  items: Comparison[];
}

/**
 * The paired comparisons as one compact matrix per target (variants × variants; then targets ×
 * targets per variant): each cell the row − column difference, its unadjusted 95% CI and a mark.
 * Sentences follow only for the pairs that differ, then one for the rest with the smallest
 * difference they could have detected at the level used, then the flipped cases, collapsed.
 */
export function renderComparisonSection(summary: Summary): string {
  const { comparisons } = summary;
  if (comparisons.length === 0) return `## Comparisons\n\n_No comparisons: ${explainNone(summary)}._`;
  const family = comparisons.length;
  const minEffect = summary.minEffect;
  const groups = groupComparisons(comparisons, summary);
  const blocks = ['## Comparisons', introOf(family, minEffect)];
  for (const group of groups) {
    blocks.push(group.heading, renderMatrix(group, minEffect));
    const notable = group.items.filter((c) => !['none', 'unchanged'].includes(judgeDifference(c, minEffect)));
    if (notable.length > 0) blocks.push(notable.map((c) => `- ${describeComparison(c, { name: formatCode, family, minEffect })}`).join('\n'));
  }
  blocks.push(describeNullResults(comparisons, family, minEffect));
  const flips = renderFlips(comparisons);
  if (flips !== '') blocks.push(flips);
  return blocks.join('\n\n');
}

function introOf(family: number, minEffect: number | undefined): string {
  const rule =
    family > 1
      ? `its p-value, Holm-adjusted over all ${family} comparisons of this run, is under 0.05`
      : 'its p-value is under 0.05 (a single comparison: nothing to adjust)';
  const marks = [
    '▲ row significantly better, ▼ row significantly worse',
    ...(family > 1 ? ['† the unadjusted 95% CI excludes 0, but the difference is not significant after Holm'] : []),
    ...(minEffect === undefined ? [] : [`≈ significant but smaller than the minimum effect ${String(minEffect)}`]),
    '= every shared case scored the same',
  ];
  return (
    'Paired by case (row − column per case, a case’s repeats averaged first). Each cell is the mean ' +
    `difference and its unadjusted 95% CI. A difference counts only when ${rule}. ${marks.join('; ')}. ` +
    'With fewer than 20 changed cases, or changes all of one size (0/1 scores), the exact sign-flip test decides; otherwise the paired t-test.'
  );
}

function groupComparisons(comparisons: readonly Comparison[], summary: Summary): Group[] {
  const groups = new Map<string, Group>();
  for (const c of comparisons) {
    const key = JSON.stringify(c.kind === 'variants' ? [c.kind, c.target] : [c.kind, c.variant]);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { heading: headingOf(c, summary), names: [], items: [] }));
    for (const id of [c.a, c.b]) if (!group.names.includes(id)) group.names.push(id);
    group.items.push(c);
  }
  // Rows and columns in the run's order (the aggregator's a-before-b), whatever pairs are missing.
  const order = [...new Set([...summary.cells.map((c) => c.variant), ...summary.cells.map((c) => c.target)])];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  for (const group of groups.values()) group.names.sort((x, y) => rank(x) - rank(y));
  return [...groups.values()];
}

function renderMatrix(group: Group, minEffect: number | undefined): string {
  const rows = group.names.slice(1);
  const columns = group.names.slice(0, -1);
  const body = rows.map((row) => [
    escapeCell(row),
    ...columns.map((column) => {
      const c = group.items.find((item) => item.a === column && item.b === row);
      return c === undefined ? '' : formatMatrixCell(c, minEffect);
    }),
  ]);
  return renderMarkdownTable([{ header: 'row − column' }, ...columns.map((column) => ({ header: escapeCell(column), align: 'right' as const }))], body);
}

/** `+0.07 [0.01, 0.13] ▲`: the difference and its bounds with one number of decimals. */
function formatMatrixCell(c: Comparison, minEffect: number | undefined): string {
  const [diff, lo, hi] = formatTogether([c.meanDiff, c.ci95[0], c.ci95[1]]);
  const mark = MARK[judgeDifference(c, minEffect)];
  return `${signed(diff ?? '')} [${lo}, ${hi}]${mark === '' ? '' : ` ${mark}`}`;
}

/** One sentence for every pair that did not differ: how many, and what they could have seen. */
function describeNullResults(comparisons: readonly Comparison[], family: number, minEffect: number | undefined): string {
  const nulls = comparisons.filter((c) => ['none', 'unadjusted', 'unchanged'].includes(judgeDifference(c, minEffect)));
  if (nulls.length === 0) return `Every pair differs significantly (${describeFamily(family)}).`;
  const mdes = nulls.flatMap((c) => (c.mde === null ? [] : [c.mde]));
  const all = nulls.length === comparisons.length;
  const subject = all
    ? family === 1
      ? 'The comparison does not differ'
      : `None of the ${family} comparisons differs`
    : nulls.length === 1
      ? 'The other comparison does not differ'
      : `The other ${nulls.length} comparisons do not differ`;
  const power =
    mdes.length === 0
      ? 'the differences have no spread to estimate a detectable difference from'
      : `the smallest difference ${nulls.length === 1 ? 'it' : 'each'} could detect at 80% power (${formatAlpha(family)}) is ${formatRange(Math.min(...mdes), Math.max(...mdes))}`;
  return `${subject} significantly (${describeFamily(family)}): ${power}.`;
}

function describeFamily(family: number): string {
  return family > 1 ? `p Holm-adjusted over ${family}` : 'a single comparison, unadjusted';
}

/** The flipped cases, collapsed: a line per pair, the first MAX_FLIP_PAIRS pairs. */
function renderFlips(comparisons: readonly Comparison[]): string {
  const flipped = comparisons.filter((c) => c.flipped.toFail.length + c.flipped.toPass.length > 0);
  if (flipped.length === 0) return '';
  const shown = flipped.slice(0, MAX_FLIP_PAIRS).map((c) => {
    const where = c.kind === 'variants' ? `on ${formatCode(c.target)}` : `with ${formatCode(c.variant)}`;
    const mcnemar = c.mcnemar === null ? '' : `; McNemar ${formatP(c.mcnemar.pValue)}`;
    return `- ${formatCode(c.a)} → ${formatCode(c.b)} ${where}: ${describeFlips(c.flipped, formatCode)}${mcnemar}`;
  });
  const count = flipped.length > MAX_FLIP_PAIRS ? `${MAX_FLIP_PAIRS} of ${flipped.length} shown` : formatCount(flipped.length, 'pair');
  return [
    `<details><summary>Cases whose pass/fail flipped (${count})</summary>`,
    'With repeats, a case’s verdict is the majority of its repeats. summary.json lists every id.',
    shown.join('\n'),
    '</details>',
  ].join('\n\n');
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
