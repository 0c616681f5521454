import type { CaseChange, CellComparison, RunComparison, RunHeader } from '../compare/compare-runs.ts';
import { labelCellKey, type CellKey } from '../compare/cell-key.ts';
import type { PairedDiff } from '../compare/pair-cells.ts';
import { escapeCell, escapeInline, formatCode } from './escape-markdown.ts';
import { formatCount, formatDiff, formatP, halfWidth, MISSING } from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';

/** Code points of model text per table cell: enough to see what changed. */
export const COMPARE_EXCERPT_CHARS = { input: 80, reply: 160 } as const;

export type ChangeVerdict = 'better' | 'worse' | 'tie' | 'untested';

/** Better or worse only when the paired CI excludes 0 on that side and the adjusted p agrees. */
export function judgeChange(diff: PairedDiff | null): ChangeVerdict {
  if (diff === null) return 'untested';
  if (diff.significant && diff.ci95[0] > 0 && diff.meanDiff > 0) return 'better';
  if (diff.significant && diff.ci95[1] < 0 && diff.meanDiff < 0) return 'worse';
  return 'tie';
}

const VERDICT_TEXT: Record<ChangeVerdict, string> = {
  better: '**B better**',
  worse: '**B worse**',
  tie: 'no significant change',
  untested: 'under 2 shared cases',
};

/** `compare <runA> <runB>`: run B against run A, cell by cell. Pure; every run or model text escaped. */
export function renderCompareMd(c: RunComparison): string {
  // Every cell is in the table; a cell gets its own section only when some case changed.
  const changed = c.cells.filter((cell) => cell.regressedCount + cell.improvedCount > 0);
  const sections = [renderHeader(c), renderCellTable(c), ...changed.map((cell) => renderCellSection(cell, c.tested)), renderUnmatched(c)];
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

function renderCellTable(c: RunComparison): string {
  if (c.cells.length === 0) return '## Cells\n\n_No variant × target is in both runs._';
  const rows = c.cells.map((cell) => [
    escapeCell(cell.variant),
    escapeCell(cell.target) + (cell.simulated ? ' (simulated)' : ''),
    formatSide(cell.a),
    formatSide(cell.b),
    cell.delta === null ? MISSING : signed(cell.delta),
    cell.diff === null ? MISSING : formatDiff(cell.diff.meanDiff, halfWidth(cell.diff.ci95)),
    cell.diff === null ? MISSING : formatP(cell.diff.pAdjusted),
    cell.diff === null ? '0' : String(cell.diff.n),
    VERDICT_TEXT[judgeChange(cell.diff)],
    `${cell.regressedCount} / ${cell.improvedCount}`,
  ]);
  const table = renderMarkdownTable(
    [
      { header: 'variant' },
      { header: 'target' },
      { header: 'A score (n)', align: 'right' },
      { header: 'B score (n)', align: 'right' },
      { header: 'Δ means', align: 'right' },
      { header: 'paired B − A ± CI', align: 'right' },
      { header: 'p', align: 'right' },
      { header: 'shared cases', align: 'right' },
      { header: 'verdict' },
      { header: 'regressed / improved', align: 'right' },
    ],
    rows,
  );
  const holm = c.tested > 1 ? ` p-values are Holm-adjusted over the ${c.tested} cells tested.` : '';
  return [
    '## Cells',
    `B − A per variant × target. “Δ means” compares each run’s mean over its own cases; the paired difference is over the cases both runs scored (paired t-test), and a change counts only when its 95% CI excludes 0.${holm}`,
    table,
  ].join('\n\n');
}

function renderCellSection(cell: CellComparison, tested: number): string {
  const heading = `## ${labelCellKey(cell, formatCode)}${cell.simulated ? ' (simulated)' : ''}`;
  const blocks = [heading, describeCell(cell, tested)];
  if (cell.regressedCount > 0) blocks.push(renderChanges('Regressed', cell.regressed, cell.regressedCount));
  if (cell.improvedCount > 0) blocks.push(renderChanges('Improved', cell.improved, cell.improvedCount));
  return blocks.join('\n\n');
}

function describeCell(cell: CellComparison, tested: number): string {
  const changed = `${formatCount(cell.regressedCount, 'case')} regressed, ${cell.improvedCount} improved.`;
  const diff = cell.diff;
  if (diff === null) return `Under 2 cases scored in both runs: no paired test. ${changed}`;
  const p = tested > 1 ? `${formatP(diff.pAdjusted)}, Holm-adjusted` : formatP(diff.pAdjusted);
  const evidence = `B − A = ${formatDiff(diff.meanDiff, halfWidth(diff.ci95))} (${p}, ${formatCount(diff.n, 'case')})`;
  const verdict = judgeChange(diff);
  const words = verdict === 'better' ? 'B is better.' : verdict === 'worse' ? 'B is worse.' : 'no significant change: the 95% CI includes 0.';
  return `${evidence}: ${words} ${changed}`;
}

function renderChanges(title: string, changes: readonly CaseChange[], total: number): string {
  const shown = changes.length < total ? ` (${total}; the ${changes.length} largest shown)` : ` (${total})`;
  const rows = changes.map((change) => [
    escapeCell(change.caseId),
    escapeCell(change.input, COMPARE_EXCERPT_CHARS.input) || MISSING,
    formatCaseSide(change.a),
    formatCaseSide(change.b),
    signed(change.diff),
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

function signed(x: number): string {
  return `${x > 0 ? '+' : ''}${x.toFixed(3)}`;
}
