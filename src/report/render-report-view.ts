import type { ViewModel } from '../view/model/view-types.ts';
import { escapeCell, formatCodeCell } from './escape-markdown.ts';
import { formatCount, MISSING } from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';
import { labelCell } from './rank-cells.ts';
import type { FailingCount } from './render-report-breakdowns.ts';
import type { FailingCase } from './failing-collector.ts';

/** Which rubric item loses points: a row per criterion, a column per cell (ranking order), the mean over the calls it applied to. */
export function renderCriteriaSection(view: ViewModel): string {
  if (view.criteria.length === 0 || view.cells.length === 0) return '## Per criterion\n\n_No criterion scores recorded._';
  const rows = view.criteria.map((name) => [
    escapeCell(name),
    ...view.cells.map((cell) => {
      const s = cell.criteria[name];
      return s === undefined || s.mean === null ? MISSING : s.mean.toFixed(2);
    }),
  ]);
  const columns = [{ header: 'criterion' }, ...view.cells.map((cell) => ({ header: escapeCell(labelCell(cell)), align: 'right' as const }))];
  return [
    '## Per criterion',
    'Mean score of each criterion (0–1) over the calls it applied to, provider errors left out; — : it never applied. The lowest numbers are where a cell loses points.',
    renderMarkdownTable(columns, rows),
  ].join('\n\n');
}

/** Calls that failed after their retries, grouped by target, status and message: never hidden behind the failing cases. */
export function renderProviderErrorSection(view: ViewModel): string {
  if (view.providerErrors.length === 0) return '## Provider errors\n\n_None: every call got a reply._';
  const total = view.providerErrors.reduce((sum, g) => sum + g.count, 0);
  const rows = view.providerErrors.map((g) => [
    escapeCell(g.target),
    g.status === null ? MISSING : String(g.status),
    String(g.count),
    formatCodeCell(g.message, 300) || MISSING,
    g.examples.map((e) => escapeCell(e)).join(', '),
  ]);
  const table = renderMarkdownTable([{ header: 'target' }, { header: 'status', align: 'right' }, { header: 'calls', align: 'right' }, { header: 'message' }, { header: 'e.g.' }], rows);
  return [
    '## Provider errors',
    `${formatCount(total, 'call')} failed after their retries. They are counted in the ranking’s errors but not scored: the prompt is not at fault.`,
    table,
  ].join('\n\n');
}

/** Per cell, how many failing cases the list shows of how many there are, in ranking order. */
export function countFailing(view: ViewModel, failing: readonly FailingCase[]): FailingCount[] {
  return view.cells.map((cell) => ({
    variant: cell.variant,
    target: cell.target,
    shown: failing.filter((f) => f.variant === cell.variant && f.target === cell.target && f.outcome !== 'provider_error').length,
    total: cell.failingCases,
  }));
}
