import type { Cell } from '../aggregate/summary-types.ts';
import { escapeCell } from './escape-markdown.ts';
import { formatPercent } from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';
import { labelCell, rankCells } from './rank-cells.ts';

/** True when some cell has a flaky case: the report then carries the section. */
export function hasFlakyCases(cells: readonly Cell[]): boolean {
  return cells.some((c) => c.flaky.count > 0);
}

/** One row per cell with flaky cases, in ranking order; the ids summary.json listed, then how many more. */
export function renderFlakySection(cells: readonly Cell[]): string {
  const rows = rankCells(cells)
    .map(({ cell }) => cell)
    .filter((cell) => cell.flaky.count > 0)
    .map((cell) => {
      const ids = cell.flaky.caseIds.map((id) => escapeCell(id));
      const more = cell.flaky.count - cell.flaky.caseIds.length;
      if (more > 0) ids.push(`+${more} more`);
      return [escapeCell(labelCell(cell)), formatPercent(cell.consistency), String(cell.flaky.count), ids.join(', ')];
    });
  const table = renderMarkdownTable(
    [{ header: 'cell' }, { header: 'consistency', align: 'right' }, { header: 'flaky', align: 'right' }, { header: 'cases' }],
    rows,
  );
  return [
    '## Flaky cases',
    'Cases whose outcome (reply type, or kind of error) or pass/fail verdict differed across repeats. ' +
      'Consistency: the share of a case’s repeats that ended in its most common outcome, averaged over the repeated cases.',
    table,
  ].join('\n\n');
}
