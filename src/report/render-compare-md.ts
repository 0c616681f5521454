import type { CaseChange, CellComparison, RunComparison, RunHeader } from '../compare/compare-runs.ts';
import { labelCellKey, type CellKey } from '../compare/cell-key.ts';
import type { PairedDiff } from '../compare/pair-cells.ts';
import { describeDifference, formatAlpha, formatEffect } from './describe-comparison.ts';
import { escapeCell, escapeInline, formatCode } from './escape-markdown.ts';
import { formatCount, formatP, formatTogether, MISSING } from './format-numbers.ts';
import { judgeDifference, type DifferenceKind } from './judge-difference.ts';
import { renderMarkdownTable } from './markdown-table.ts';

/** Code points of model text per table cell: enough to see what changed. */
export const COMPARE_EXCERPT_CHARS = { input: 80, reply: 160 } as const;

export type ChangeVerdict = DifferenceKind | 'untested';

/** The verdict on a cell across runs: the same rule as the scorecard's comparisons, see judgeDifference. */
export function judgeChange(diff: PairedDiff | null, minEffect?: number): ChangeVerdict {
  return diff === null ? 'untested' : judgeDifference(diff, minEffect);
}

const VERDICT_TEXT: Record<ChangeVerdict, string> = {
  better: '**B better**',
  worse: '**B worse**',
  negligible: 'negligible: below the minimum effect',
  unadjusted: 'unadjusted CI excludes 0; not significant after Holm',
  none: 'no significant change',
  unchanged: 'no case changed',
  untested: 'under 2 shared cases',
};

export interface CompareMdOptions {
  /** Differences smaller than this are negligible (`--min-effect`). */
  minEffect?: number | undefined;
}

/** `compare <runA> <runB>`: run B against run A, cell by cell. Pure; every run or model text escaped. */
export function renderCompareMd(c: RunComparison, options: CompareMdOptions = {}): string {
  // Every cell is in the table; a cell gets its own section only when some case changed.
  const changed = c.cells.filter((cell) => cell.regressedCount + cell.improvedCount > 0);
  const sections = [renderHeader(c), renderCellTable(c, options), ...changed.map((cell) => renderCellSection(cell, c.tested, options)), renderUnmatched(c)];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function renderHeader(c: RunComparison): string {
  const lines = [
    `# subtodo-eval compare — ${escapeInline(c.a.runId)} → ${escapeInline(c.b.runId)}`,
    `${describeRun('A', c.a)}\n${describeRun('B', c.b)}`,
  ];
  if (c.a.simulated || c.b.simulated) lines.push('> ⚠ Simulated: a run used the mock target, a deterministic simulated model. Its scores show the harness works, not prompt quality.');
  for (const [name, run] of [['A', c.a], ['B', c.b]] as const) {
    if (!run.complete) lines.push(`> ⚠ Run ${name} is incomplete: it stopped before every trial finished; only the cases both runs scored are paired.`);
  }
  if (c.a.passThreshold !== c.b.passThreshold) {
    lines.push(`> ⚠ The runs used different pass thresholds (A ${c.a.passThreshold}, B ${c.b.passThreshold}): a pass that flipped may be the threshold, not the reply.`);
  }
  return lines.join('\n\n');
}

function describeRun(name: string, run: RunHeader): string {
  return `- **${name}**: ${escapeInline(run.label)} (run ${escapeInline(run.runId)}, started ${escapeInline(run.startedAt)}, ${formatCount(run.calls, 'call')})`;
}

function renderCellTable(c: RunComparison, options: CompareMdOptions): string {
  if (c.cells.length === 0) return '## Cells\n\n_No variant × target is in both runs._';
  const rows = c.cells.map((cell) => {
    const diff = cell.diff;
    const [change, lo, hi] = diff === null ? [] : formatTogether([diff.meanDiff, diff.ci95[0], diff.ci95[1]]);
    return [
      escapeCell(cell.variant),
      escapeCell(cell.target) + (cell.simulated ? ' (simulated)' : ''),
      formatSide(cell.a),
      formatSide(cell.b),
      cell.delta === null ? MISSING : signedFixed(cell.delta),
      diff === null ? MISSING : `${change ?? ''} [${lo ?? ''}, ${hi ?? ''}]`,
      diff === null ? MISSING : formatP(diff.pAdjusted),
      diff === null ? '0' : String(diff.n),
      diff === null || diff.mde === null || diff.mde === undefined ? MISSING : formatEffect(diff.mde),
      VERDICT_TEXT[judgeChange(diff, options.minEffect)],
      `${cell.regressedCount} / ${cell.improvedCount}`,
    ];
  });
  const table = renderMarkdownTable(
    [
      { header: 'variant' },
      { header: 'target' },
      { header: 'A score (n)', align: 'right' },
      { header: 'B score (n)', align: 'right' },
      { header: 'Δ means', align: 'right' },
      { header: 'paired B − A [95% CI]', align: 'right' },
      { header: c.tested > 1 ? 'p (Holm)' : 'p', align: 'right' },
      { header: 'shared cases', align: 'right' },
      { header: 'detectable (80%)', align: 'right' },
      { header: 'verdict' },
      { header: 'regressed / improved', align: 'right' },
    ],
    rows,
  );
  const holm =
    c.tested > 1
      ? `and its p-value, Holm-adjusted over the ${c.tested} cells tested, is under 0.05 (the interval shown is the unadjusted 95% CI, so it can exclude 0 without the change counting)`
      : 'and its p-value is under 0.05 (a single cell tested: nothing to adjust)';
  return [
    '## Cells',
    'B − A per variant × target. “Δ means” compares each run’s mean over its own cases; the paired difference is over the cases both runs scored ' +
      '(the exact sign-flip test when fewer than 20 cases changed or every change has one size, the paired t-test otherwise). ' +
      `A change counts only when the 95% CI excludes 0 ${holm}. “Detectable” is the smallest true change the test finds with 80% power at ${formatAlpha(Math.max(1, c.tested))}.`,
    table,
  ].join('\n\n');
}

function renderCellSection(cell: CellComparison, tested: number, options: CompareMdOptions): string {
  const heading = `## ${labelCellKey(cell, formatCode)}${cell.simulated ? ' (simulated)' : ''}`;
  const blocks = [heading, describeCell(cell, tested, options)];
  if (cell.regressedCount > 0) blocks.push(renderChanges('Regressed', cell.regressed, cell.regressedCount));
  if (cell.improvedCount > 0) blocks.push(renderChanges('Improved', cell.improved, cell.improvedCount));
  return blocks.join('\n\n');
}

function describeCell(cell: CellComparison, tested: number, options: CompareMdOptions): string {
  const changed = `${formatCount(cell.regressedCount, 'case')} regressed, ${cell.improvedCount} improved.`;
  if (cell.diff === null) return `Under 2 cases scored in both runs: no paired test. ${changed}`;
  return `${describeDifference(cell.diff, { a: 'A', b: 'B', where: '', family: Math.max(1, tested), minEffect: options.minEffect })} ${changed}`;
}

function renderChanges(title: string, changes: readonly CaseChange[], total: number): string {
  const shown = changes.length < total ? ` (${total}; the ${changes.length} largest shown)` : ` (${total})`;
  const rows = changes.map((change) => [
    escapeCell(change.caseId),
    escapeCell(change.input, COMPARE_EXCERPT_CHARS.input) || MISSING,
    formatCaseSide(change.a),
    formatCaseSide(change.b),
    signedFixed(change.diff),
    escapeCell(change.a.reply.text, COMPARE_EXCERPT_CHARS.reply) || MISSING,
    escapeCell(change.b.reply.text, COMPARE_EXCERPT_CHARS.reply) || MISSING,
  ]);
  const table = renderMarkdownTable(
    [
      { header: 'case' },
      { header: 'input' },
      { header: 'A', align: 'right' },
      { header: 'B', align: 'right' },
      { header: 'Δ', align: 'right' },
      { header: 'A reply' },
      { header: 'B reply' },
    ],
    rows,
  );
  return `### ${title}${shown}\n\n${table}`;
}

function renderUnmatched(c: RunComparison): string {
  const list = (cells: readonly CellKey[]) => cells.map((cell) => `- ${labelCellKey(cell, formatCode)}`).join('\n');
  const parts: string[] = [];
  if (c.onlyA.length > 0) parts.push(`## Only in A\n\nNot compared: B has no results for these.\n\n${list(c.onlyA)}`);
  if (c.onlyB.length > 0) parts.push(`## Only in B\n\nNot compared: A has no results for these.\n\n${list(c.onlyB)}`);
  return parts.join('\n\n');
}

function formatSide(side: { meanScore: number | null; n: number }): string {
  return side.meanScore === null ? `${MISSING} (0)` : `${side.meanScore.toFixed(3)} (${side.n})`;
}

/** `1.000 pass`, `0.000 fail · format_error`: the case's mean score, its verdict, and the shown reply's outcome when it is not a reply type. */
function formatCaseSide(side: CaseChange['a']): string {
  const verdict = side.pass === null ? '' : side.pass === 1 ? ' pass' : side.pass === 0 ? ' fail' : ` ${Math.round(side.pass * 100)}% pass`;
  const outcome = side.reply.outcome.endsWith('_error') ? ` · ${escapeCell(side.reply.outcome)}` : '';
  return `${side.score.toFixed(3)}${verdict}${outcome}`;
}

function signedFixed(x: number): string {
  return `${x > 0 ? '+' : ''}${x.toFixed(3)}`;
}
