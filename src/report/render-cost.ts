import type { Cell } from '../aggregate/summary-types.ts';
import { escapeCell, flattenText } from './escape-markdown.ts';
import { formatCost, MISSING } from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';
import { renderPlainTable } from './plain-table.ts';

const COLUMNS = [
  { header: 'variant', align: 'left' },
  { header: 'target', align: 'left' },
  { header: 'calls', align: 'right' },
  { header: 'cache hits', align: 'right' },
  { header: 'batch', align: 'right' },
  { header: 'input tok (prompt-cached)', align: 'right' },
  { header: 'output tok', align: 'right' },
  { header: 'cost', align: 'right' },
  { header: 'prompt-cache saving', align: 'right' },
] as const;

/** The same facts for report.md and the terminal: calls, what the caches answered, tokens, cost. */
function costRow(cell: Cell, name: (text: string) => string): string[] {
  const cached = cell.usage.cachedInputTokens ?? 0;
  return [
    name(cell.variant),
    name(cell.target) + (cell.simulated ? ' (simulated)' : ''),
    count(cell.calls),
    count(cell.cachedCalls ?? 0),
    count(cell.batchCalls ?? 0),
    `${count(cell.usage.inputTokens)}${cached > 0 ? ` (${count(cached)})` : ''}`,
    count(cell.usage.outputTokens),
    cell.costUsd === null ? 'unknown price' : formatCost(cell.costUsd),
    cell.promptCacheSavingUsd === null || cell.promptCacheSavingUsd === undefined ? MISSING : formatSaving(cell.promptCacheSavingUsd),
  ];
}

/**
 * report.md's cost section: per cell, response-cache hits (free), calls sent as provider batches
 * (half price), prompt-cached input tokens and what they saved. None for a run on the mock alone.
 */
export function renderCostSection(cells: readonly Cell[]): string | undefined {
  if (!cells.some((c) => !c.simulated)) return undefined;
  const table = renderMarkdownTable(COLUMNS, cells.map((c) => costRow(c, (t) => escapeCell(t))));
  const total = cells.reduce((sum, c) => (c.costUsd === null ? sum : sum + c.costUsd), 0);
  const saved = cells.reduce((sum, c) => sum + (c.promptCacheSavingUsd ?? 0), 0);
  const notes = [`Total ${formatCost(total)}${cells.some((c) => c.costUsd === null) ? ' (cells with an unknown price not counted)' : ''}.`];
  if (cells.some((c) => c.promptCacheSavingUsd !== null && c.promptCacheSavingUsd !== undefined)) notes.push(`The providers' prompt caches saved ${formatSaving(saved)} against paying every input token at the input price.`);
  notes.push('Cache hits are answers from the response cache: no call this run; their cost is what the original call cost.');
  return ['## Cost', table, notes.join(' ')].join('\n\n');
}

/** The terminal's cost table at the end of a run; empty for a run on the mock alone. */
export function renderCostLines(cells: readonly Cell[]): string[] {
  if (!cells.some((c) => !c.simulated)) return [];
  return renderPlainTable(COLUMNS, cells.map((c) => costRow(c, flattenText)));
}

function formatSaving(usd: number): string {
  return usd < 0 ? `−${formatCost(-usd)}` : formatCost(usd);
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
