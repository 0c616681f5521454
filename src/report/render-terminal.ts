import { join } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Summary } from '../aggregate/summary-types.ts';
import { describeComparison, judgeComparison } from './describe-comparison.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { flattenText } from './escape-markdown.ts';
import { formatCount, formatMs, formatPercent, formatScore, MISSING } from './format-numbers.ts';
import { rankCells, type RankedCell } from './rank-cells.ts';

export interface TerminalOptions {
  color: boolean;
  /** When given, the written files are listed under the table. */
  outDir?: string;
}

/** Files a run writes, in the order a reader wants them. */
export const REPORT_FILES = ['report.md', 'summary.json', 'results.jsonl'] as const;

type Align = 'left' | 'right';
const COLUMNS: readonly { header: string; align: Align }[] = [
  { header: '#', align: 'right' },
  { header: 'variant', align: 'left' },
  { header: 'target', align: 'left' },
  { header: 'score ± CI', align: 'right' },
  { header: 'type acc.', align: 'right' },
  { header: 'quality ± CI', align: 'right' },
  { header: 'pass', align: 'right' },
  { header: 'exact', align: 'right' },
  { header: 'errors f/s/p', align: 'right' },
  { header: 'p50 ms', align: 'right' },
];
const ERRORS_COLUMN = 8;

/** The end-of-run summary. Pure: the CLI prints it. Colour only when asked (TTY, no NO_COLOR). */
export function renderTerminalSummary(summary: Summary, opts: TerminalOptions): string {
  const paint = new Chalk({ level: opts.color ? 1 : 0 });
  const lines = [paint.bold(`subtodo-eval · run ${flattenText(summary.runId)}`)];
  if (summary.simulated) lines.push(paint.yellow('⚠ simulated: the mock target is not a real LLM; scores show the harness works, not prompt quality.'));
  if (!summary.complete) lines.push(paint.yellow('⚠ incomplete run: numbers cover only the calls recorded.'));
  lines.push('', ...renderRanking(rankCells(summary.cells), paint));
  const verdicts = renderVerdicts(summary, paint);
  if (verdicts.length > 0) lines.push('', ...verdicts);
  if (opts.outDir !== undefined) {
    const outDir = opts.outDir;
    lines.push('', ...REPORT_FILES.map((file) => `${paint.dim('wrote')} ${join(outDir, file)}`));
  }
  return `${lines.join('\n')}\n`;
}

function renderRanking(ranked: readonly RankedCell[], paint: ChalkInstance): string[] {
  if (ranked.length === 0) return [paint.dim('No results yet.')];
  const rows = ranked.map(({ rank, cell }) => [
    rank === null ? MISSING : String(rank),
    flattenText(cell.variant),
    flattenText(cell.target) + (cell.simulated ? ' (simulated)' : ''),
    formatScore(cell.meanScore, cell.ci95, cell.n),
    formatPercent(cell.classification.accuracy),
    formatScore(cell.quality.mean, cell.quality.ci95, cell.quality.n),
    formatPercent(cell.passRate),
    formatPercent(cell.exactFormRate),
    `${cell.outcomes.format_error}/${cell.outcomes.schema_error}/${cell.outcomes.provider_error}`,
    formatMs(cell.latencyMs.p50),
  ]);
  const headers = COLUMNS.map((c) => c.header);
  const widths = COLUMNS.map((_, i) => Math.max(...[headers, ...rows].map((row) => displayWidth(row[i] ?? ''))));
  const layout = (row: readonly string[], colour: (text: string, column: number) => string = (t) => t) =>
    row
      .map((text, i) => colour(padToWidth(text, widths[i] ?? 0, COLUMNS[i]?.align ?? 'left'), i))
      .join('  ')
      .trimEnd();
  return [
    paint.dim(layout(headers)),
    ...rows.map((row, i) => {
      // Every cell tied for first is the best.
      if (ranked[i]?.rank === 1) return paint.green.bold(layout(row));
      const errors = (ranked[i]?.cell.outcomes.provider_error ?? 0) > 0;
      return layout(row, (text, column) => (errors && column === ERRORS_COLUMN ? paint.yellow(text) : text));
    }),
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
    const name = (id: string) => paint.bold(flattenText(id));
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
