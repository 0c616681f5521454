import type { Cell } from '../aggregate/summary-types.ts';
import { OUTCOMES, REPLY_TYPES } from '../parse/reply-schema.ts';
import { escapeCell, escapeInline } from './escape-markdown.ts';
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
  return ['## Confusion matrices', 'Rows: the expected reply type. Columns: what the call ended in. The diagonal is right.', ...blocks].join(
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

/**
 * The chosen failing cases; every piece of model or user text goes through `escapeCell`. The
 * collector already cut the texts; cutting again keeps a hand-made FailingCase in bounds too.
 */
export function renderFailingSection(failing: readonly FailingCase[]): string {
  if (failing.length === 0) return '## Failing cases\n\n_No failing cases._';
  const rows = failing.map((f) => [
    escapeCell(f.caseId),
    escapeCell(labelCell(f)),
    `${escapeCell(f.expectedType)} → ${escapeCell(f.outcome)}`,
    f.score === null ? MISSING : f.score.toFixed(3),
    f.reasons.map((r) => escapeCell(r, EXCERPT_CHARS.reason)).join(' · ') || MISSING,
    escapeCell(f.input, EXCERPT_CHARS.input),
    escapeCell(f.excerpt, EXCERPT_CHARS.reply) || MISSING,
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
  return `## Failing cases\n\nWorst first within each cell; provider errors last.\n\n${table}`;
}
