import { join } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Cell, Summary } from '../aggregate/summary-types.ts';
import type { ViewCell, ViewModel } from '../view/model/view-types.ts';
import { describeComparison, judgeComparison } from './describe-comparison.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { terminalLine } from '../text/terminal-text.ts';
import { formatCost, formatCount, formatMs, formatPercent, formatScore, MISSING } from './format-numbers.ts';
import { rankCells, type RankedCell } from './rank-cells.ts';

export interface TerminalOptions {
  color: boolean;
  /** When given, the written files are listed under the table. */
  outDir?: string;
  /** The run's view model: cost, cache hits and judge errors per cell. */
  view?: ViewModel;
}

/** Files a run writes, in the order a reader wants them. */
export const REPORT_FILES = ['report.html', 'report.md', 'summary.json', 'results.jsonl'] as const;

type Align = 'left' | 'right';
interface Column {
  header: string;
  align: Align;
  value: (cell: Cell, extra: ViewCell | undefined) => string;
  /** Painted yellow when this says so. */
  warn?: (cell: Cell, extra: ViewCell | undefined) => boolean;
}

const BASE_COLUMNS: readonly Column[] = [
  { header: 'variant', align: 'left', value: (cell) => terminalLine(cell.variant) },
  { header: 'target', align: 'left', value: (cell) => terminalLine(cell.target) + (cell.simulated ? ' (simulated)' : '') },
  { header: 'score ± CI', align: 'right', value: (cell) => formatScore(cell.meanScore, cell.ci95, cell.n) },
  // Classification and quality apart: a prompt that picks the right kind but writes poor sub-todos shows here.
  { header: 'type acc.', align: 'right', value: (cell) => formatPercent(cell.classification.accuracy) },
  { header: 'quality ± CI', align: 'right', value: (cell) => formatScore(cell.quality.mean, cell.quality.ci95, cell.quality.n) },
  { header: 'pass', align: 'right', value: (cell) => formatPercent(cell.passRate) },
  { header: 'exact', align: 'right', value: (cell) => formatPercent(cell.exactFormRate) },
  // The model's fault (a reply not in the asked format or schema) apart from the provider's.
  { header: 'format err', align: 'right', value: (cell) => String(cell.outcomes.format_error + cell.outcomes.schema_error) },
  { header: 'API err', align: 'right', value: (cell) => String(cell.outcomes.provider_error), warn: (cell) => cell.outcomes.provider_error > 0 },
];
const JUDGE_COLUMN: Column = { header: 'judge err', align: 'right', value: (_c, extra) => (extra?.judgeErrors == null ? MISSING : String(extra.judgeErrors)), warn: (_c, extra) => (extra?.judgeErrors ?? 0) > 0 };
const TAIL_COLUMNS: readonly Column[] = [
  { header: 'p50 ms', align: 'right', value: (cell) => formatMs(cell.latencyMs.p50) },
  { header: 'cost', align: 'right', value: (cell) => formatCost(cell.costUsd) },
];
const CACHED_COLUMN: Column = { header: 'cached', align: 'right', value: (cell, extra) => (extra === undefined ? MISSING : `${extra.cached}/${cell.calls}`) };

/** The end-of-run summary. Pure: the CLI prints it. Colour only when asked (TTY, no NO_COLOR). */
export function renderTerminalSummary(summary: Summary, opts: TerminalOptions): string {
  const paint = new Chalk({ level: opts.color ? 1 : 0 });
  const lines = [paint.bold(`subtodo-eval · run ${terminalLine(summary.runId)}`)];
  if (summary.simulated) lines.push(paint.yellow('⚠ simulated: the mock target is not a real LLM; scores show the harness works, not prompt quality.'));
  if (!summary.complete) lines.push(paint.yellow('⚠ incomplete run: numbers cover only the calls recorded.'));
  lines.push('', ...renderRanking(rankCells(summary.cells), opts.view, paint));
  const verdicts = renderVerdicts(summary, paint);
  if (verdicts.length > 0) lines.push('', ...verdicts);
  if (opts.outDir !== undefined) {
    const outDir = opts.outDir;
    lines.push('', ...REPORT_FILES.map((file) => `${paint.dim('wrote')} ${join(outDir, file)}`));
  }
  return `${lines.join('\n')}\n`;
}

function renderRanking(ranked: readonly RankedCell[], view: ViewModel | undefined, paint: ChalkInstance): string[] {
  if (ranked.length === 0) return [paint.dim('No results yet.')];
  const extras = new Map((view?.cells ?? []).map((c) => [JSON.stringify([c.variant, c.target]), c]));
  const extraOf = (cell: Cell) => extras.get(JSON.stringify([cell.variant, cell.target]));
  const judged = view?.criteria.includes('judge') === true || (view?.cells.some((c) => (c.judgeErrors ?? 0) > 0) ?? false);
  const columns: Column[] = [
    { header: '#', align: 'right', value: () => '' },
    ...BASE_COLUMNS,
    ...(judged ? [JUDGE_COLUMN] : []),
    ...TAIL_COLUMNS,
    ...(view ? [CACHED_COLUMN] : []),
  ];
  const rows = ranked.map(({ rank, cell }) => [rank === null ? MISSING : String(rank), ...columns.slice(1).map((c) => c.value(cell, extraOf(cell)))]);
  const headers = columns.map((c) => c.header);
  const widths = columns.map((_, i) => Math.max(...[headers, ...rows].map((row) => displayWidth(row[i] ?? ''))));
  const layout = (row: readonly string[], colour: (text: string, column: number) => string = (t) => t) =>
    row
      .map((text, i) => colour(padToWidth(text, widths[i] ?? 0, columns[i]?.align ?? 'left'), i))
      .join('  ')
      .trimEnd();
  return [
    paint.dim(layout(headers)),
    ...rows.map((row, i) => {
      const entry = ranked[i];
      // Every cell tied for first is the best.
      if (entry?.rank === 1) return paint.green.bold(layout(row));
      return layout(row, (text, column) => (entry && columns[column]?.warn?.(entry.cell, extraOf(entry.cell)) ? paint.yellow(text) : text));
    }),
    paint.dim('format err: replies not in the asked format or schema (the model’s); API err: calls that failed after retries.'),
  ];
}

/**
 * Short: one line per significant comparison, then how many are not (report.md has them all, with
 * the flips and the smallest detectable difference); a line on flaky cases when there are any.
 */
function renderVerdicts(summary: Summary, paint: ChalkInstance): string[] {
  const lines: string[] = [];
  const { comparisons } = summary;
  if (comparisons.length > 0) {
    const wins = comparisons.filter((c) => judgeComparison(c).kind === 'win');
    const name = (id: string) => paint.bold(terminalLine(id));
    const adjusted = comparisons.length > 1;
    for (const c of wins) lines.push(`${paint.green('▲')} ${describeComparison(c, { name, adjusted, detail: 'short' })}`);
    const rest = comparisons.length - wins.length;
    if (wins.length === 0) lines.push(paint.dim(`No significant difference in ${formatCount(rest, 'comparison')}.`));
    else if (rest > 0) lines.push(paint.dim(`No significant difference in the other ${formatCount(rest, 'comparison')}.`));
  }
  const flaky = summary.cells.filter((c) => c.flaky.count > 0);
  if (flaky.length > 0) {
    const count = flaky.reduce((sum, c) => sum + c.flaky.count, 0);
    lines.push(paint.yellow(`⚠ ${formatCount(count, 'flaky case')} in ${formatCount(flaky.length, 'cell')}: outcome or pass/fail changed across repeats.`));
  }
  return lines;
}
