import { join } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Cell, Summary } from '../aggregate/summary-types.ts';
import type { ViewCell, ViewModel } from '../view/model/view-types.ts';
import { digestComparisons } from './comparison-digest.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { terminalLine } from '../text/terminal-text.ts';
import { formatCost, formatCount, formatMs, formatPercent, formatScore, MISSING } from './format-numbers.ts';
import { rankCells, type RankedCell } from './rank-cells.ts';
import { describeCalibration, describeJudgeErrors, describePairwise, describePositionBias } from './describe-judge.ts';

export interface TerminalOptions {
  color: boolean;
  /** When given, the written files are listed under the table. */
  outDir?: string;
  /** The run's view model: cost, cache hits and judge errors per cell. */
  view?: ViewModel;
}

/** Files a run writes, in the order a reader wants them. */
export const REPORT_FILES = ['report.html', 'report.md', 'summary.json', 'results.jsonl'] as const;
/** Written too when the run judged pairs head to head. */
export const PAIRWISE_FILE = 'pairwise.jsonl';

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
  if (summary.cells.some((c) => c.simulated)) lines.push(paint.yellow('⚠ simulated: the mock target is not a real LLM; scores show the harness works, not prompt quality.'));
  if (summary.judge?.simulated) lines.push(paint.yellow('⚠ simulated judge: the judge is the mock; its verdicts are made up.'));
  if (!summary.complete) lines.push(paint.yellow('⚠ incomplete run: numbers cover only the calls recorded.'));
  lines.push('', ...renderRanking(rankCells(summary.cells), opts.view, paint));
  const verdicts = renderVerdicts(summary, paint);
  if (verdicts.length > 0) lines.push('', ...verdicts);
  const judged = renderJudgeLines(summary, paint);
  if (judged.length > 0) lines.push('', ...judged);
  if (opts.outDir !== undefined) {
    const outDir = opts.outDir;
    const files = summary.pairwise && summary.pairwise.length > 0 ? [...REPORT_FILES, PAIRWISE_FILE] : REPORT_FILES;
    lines.push('', ...files.map((file) => `${paint.dim('wrote')} ${join(outDir, file)}`));
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
 * Short: one line per significant comparison, a count of those only the unadjusted CI separates,
 * then how many are not significant and the smallest difference they could have detected at the
 * level used (report.md has them all in a matrix); a line on flaky cases when there are any.
 */
function renderVerdicts(summary: Summary, paint: ChalkInstance): string[] {
  const lines: string[] = [];
  if (summary.comparisons.length > 0) {
    const digest = digestComparisons(summary, (id) => paint.bold(terminalLine(id)));
    for (const { mark, text } of digest.differences) lines.push(`${mark === '▲' ? paint.green(mark) : paint.dim(mark)} ${text}`);
    if (digest.unadjusted !== null) lines.push(paint.dim(`† ${digest.unadjusted}`));
    if (digest.nulls !== null) lines.push(paint.dim(digest.nulls));
  }
  const flaky = summary.cells.filter((c) => c.flaky.count > 0);
  if (flaky.length > 0) {
    const count = flaky.reduce((sum, c) => sum + c.flaky.count, 0);
    lines.push(paint.yellow(`⚠ ${formatCount(count, 'flaky case')} in ${formatCount(flaky.length, 'cell')}: outcome or pass/fail changed across repeats.`));
  }
  return lines;
}

/**
 * The judge in a few lines: its errors first and loud (per cell, since the table has no room),
 * its calibration, then each pairwise verdict with its position bias.
 */
function renderJudgeLines(summary: Summary, paint: ChalkInstance): string[] {
  const lines: string[] = [];
  const judge = summary.judge;
  if (judge) {
    if (judge.errors > 0) {
      const perCell = summary.cells.filter((c) => (c.judge?.errors ?? 0) > 0).map((c) => `${terminalLine(c.variant)} × ${terminalLine(c.target)}: ${c.judge?.errors ?? 0}`);
      lines.push(paint.yellow(`⚠ judge ${terminalLine(judge.target)}: ${describeJudgeErrors(judge)} (${perCell.join('; ')}).`));
    }
    const line = `judge ${terminalLine(judge.target)} · calibration: ${describeCalibration(judge, terminalLine)}.`;
    lines.push(judge.calibration === null || !judge.calibration.current ? paint.yellow(line) : paint.dim(line));
    if (judge.sameModelAs.length > 0) lines.push(paint.yellow(`⚠ the judge is the same model as ${judge.sameModelAs.map(terminalLine).join(', ')}: it may favour its own replies.`));
  }
  for (const p of summary.pairwise ?? []) {
    lines.push(`${describePairwise(p, terminalLine)}.`);
    const bias = `  ${describePositionBias(p)}.`;
    lines.push(p.positionBias.biased ? paint.yellow(`⚠${bias.slice(1)}`) : paint.dim(bias));
    if (p.errors > 0) lines.push(paint.yellow(`  ⚠ ${formatCount(p.errors, 'pair')} failed to judge (not counted).`));
  }
  return lines;
}
