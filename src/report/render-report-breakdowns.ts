import type { Cell } from '../aggregate/summary-types.ts';
import { OUTCOMES, REPLY_TYPES } from '../parse/reply-schema.ts';
import { escapeCell, escapeInline, formatCodeCell } from './escape-markdown.ts';
import { EXCERPT_CHARS, type FailingCase } from './failing-collector.ts';
import { MISSING } from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';
import { labelCell, rankCells } from './rank-cells.ts';

/** One matrix per cell, in ranking order: rows the expected type, columns every outcome. */
export function renderConfusionSection(cells: readonly Cell[]): string {
  if (cells.length === 0) return '## Confusion matrices\n\n_No results yet._';
  const blocks = rankCells(cells).map(({ cell }) => {
    const heading = `### ${escapeInline(labelCell(cell))}${cell.simulated ? ' (simulated)' : ''}`;
    return `${heading}\n\n${renderConfusionTable(cell)}`;
  });
  return ['## Confusion matrices', 'Rows: the expected reply type. Columns: what the call ended in. The diagonal is right, and so is a cell off it where the case accepts a second type (`expect.acceptable`): type acc. counts those as right.', ...blocks].join(
    '\n\n',
  );
}

function renderConfusionTable(cell: Cell): string {
  const known: readonly string[] = REPLY_TYPES;
  const extra = Object.keys(cell.confusion)
    .filter((type) => !known.includes(type))
    .sort();
  const rows = [...known, ...extra].map((expected) => {
    const counts = cell.confusion[expected];
    const values = OUTCOMES.map((outcome) => counts?.[outcome] ?? 0);
    const cells = values.map((n, i) => (OUTCOMES[i] === expected && n > 0 ? `**${n}**` : String(n)));
    return [escapeCell(expected), ...cells, String(values.reduce((a, b) => a + b, 0))];
  });
  return renderMarkdownTable(
    [
      { header: 'expected ↓ / outcome →' },
      ...OUTCOMES.map((o) => ({ header: o, align: 'right' as const })),
      { header: 'total', align: 'right' },
    ],
    rows,
  );
}

/** One table: a row per tag, a column per cell, `mean score (n)` in each. */
export function renderTagSection(cells: readonly Cell[]): string {
  const tags = [...new Set(cells.flatMap((c) => Object.keys(c.tags)))].sort((x, y) => x.localeCompare(y, 'en'));
  if (tags.length === 0) return '## Per-tag breakdown\n\n_No tagged cases._';
  const ranked = rankCells(cells).map((r) => r.cell);
  const rows = tags.map((tag) => [
    escapeCell(tag),
    ...ranked.map((cell) => {
      const stats = cell.tags[tag];
      if (stats === undefined) return MISSING;
      return `${stats.meanScore === null ? MISSING : stats.meanScore.toFixed(3)} (${stats.n})`;
    }),
  ]);
  const columns = [
    { header: 'tag' },
    ...ranked.map((cell) => ({ header: escapeCell(labelCell(cell)), align: 'right' as const })),
  ];
  return `## Per-tag breakdown\n\nMean score (cases) per tag.\n\n${renderMarkdownTable(columns, rows)}`;
}

/** How many of a cell's failing cases the table shows: `10 of 37 shown`. */
export interface FailingCount {
  variant: string;
  target: string;
  shown: number;
  total: number;
}

/**
 * The chosen failing cases; every piece of user text goes through `escapeCell` and the reply
 * excerpt is a code span (tags read as written, nothing renders). The collector already cut the
 * texts; cutting again keeps a hand-made FailingCase in bounds too. Where a cell's list was cut,
 * a line says how many of how many are shown and how to see all.
 */
export function renderFailingSection(failing: readonly FailingCase[], counts: readonly FailingCount[] = []): string {
  const cut = counts.filter((c) => c.shown < c.total);
  const intro = 'Worst first within each cell.';
  const note =
    cut.length === 0
      ? ''
      : `\n\n${cut.map((c) => `- ${escapeInline(labelCell(c))}: ${c.shown} of ${c.total} shown`).join('\n')}\n\nEvery failing case: \`subtodo-eval report <runDir> --all\` (or \`run --all\`), or the case explorer in report.html.`;
  if (failing.length === 0) return `## Failing cases\n\n_No failing cases._`;
  const rows = failing.map((f) => [
    escapeCell(f.caseId),
    escapeCell(labelCell(f)),
    `${escapeCell(f.expectedType)} → ${escapeCell(f.outcome)}`,
    f.score === null ? MISSING : f.score.toFixed(3),
    f.reasons.map((r) => escapeCell(r, EXCERPT_CHARS.reason)).join(' · ') || MISSING,
    escapeCell(f.input, EXCERPT_CHARS.input),
    formatCodeCell(f.excerpt, EXCERPT_CHARS.reply) || MISSING,
  ]);
  const table = renderMarkdownTable(
    [
      { header: 'case' },
      { header: 'cell' },
      { header: 'expected → outcome' },
      { header: 'score', align: 'right' },
      { header: 'reasons' },
      { header: 'input' },
      { header: 'reply' },
    ],
    rows,
  );
  return `## Failing cases\n\n${intro}${note}\n\n${table}`;
}
