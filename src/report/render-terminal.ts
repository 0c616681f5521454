import { join } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Summary } from '../aggregate/summary-types.ts';
import { describeComparison, judgeComparison } from './describe-comparison.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { flattenText } from './escape-markdown.ts';
import { formatCount, formatMs, formatPercent, formatScore, MISSING } from './format-numbers.ts';
import { rankCells, type RankedCell } from './rank-cells.ts';
import { describeCalibration, describeJudgeErrors, describePairwise, describePositionBias } from './describe-judge.ts';

export interface TerminalOptions {
  color: boolean;
  /** When given, the written files are listed under the table. */
  outDir?: string;
}

/** Files a run writes, in the order a reader wants them. */
export const REPORT_FILES = ['report.md', 'summary.json', 'results.jsonl'] as const;
/** Written too when the run judged pairs head to head. */
export const PAIRWISE_FILE = 'pairwise.jsonl';

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
  if (summary.cells.some((c) => c.simulated)) lines.push(paint.yellow('⚠ simulated: the mock target is not a real LLM; scores show the harness works, not prompt quality.'));
  if (summary.judge?.simulated) lines.push(paint.yellow('⚠ simulated judge: the judge is the mock; its verdicts are made up.'));
  if (!summary.complete) lines.push(paint.yellow('⚠ incomplete run: numbers cover only the calls recorded.'));
  lines.push('', ...renderRanking(rankCells(summary.cells), paint));
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

/**
 * The judge in a few lines: its errors first and loud (per cell, since the table has no room),
 * its calibration, then each pairwise verdict with its position bias.
 */
function renderJudgeLines(summary: Summary, paint: ChalkInstance): string[] {
  const lines: string[] = [];
  const judge = summary.judge;
  if (judge) {
    if (judge.errors > 0) {
      const perCell = summary.cells.filter((c) => (c.judge?.errors ?? 0) > 0).map((c) => `${flattenText(c.variant)} × ${flattenText(c.target)}: ${c.judge?.errors ?? 0}`);
      lines.push(paint.yellow(`⚠ judge ${flattenText(judge.target)}: ${describeJudgeErrors(judge)} (${perCell.join('; ')}).`));
    }
    const line = `judge ${flattenText(judge.target)} · calibration: ${describeCalibration(judge, flattenText)}.`;
    lines.push(judge.calibration === null || !judge.calibration.current ? paint.yellow(line) : paint.dim(line));
    if (judge.sameModelAs.length > 0) lines.push(paint.yellow(`⚠ the judge is the same model as ${judge.sameModelAs.map(flattenText).join(', ')}: it may favour its own replies.`));
  }
  for (const p of summary.pairwise ?? []) {
    lines.push(`${describePairwise(p, flattenText)}.`);
    const bias = `  ${describePositionBias(p)}.`;
    lines.push(p.positionBias.biased ? paint.yellow(`⚠${bias.slice(1)}`) : paint.dim(bias));
    if (p.errors > 0) lines.push(paint.yellow(`  ⚠ ${formatCount(p.errors, 'pair')} failed to judge (not counted).`));
  }
  return lines;
}
