import type { Cell, Comparison, Summary } from '../aggregate/summary-types.ts';
import { describeComparison } from './describe-comparison.ts';
import { escapeCell, escapeInline, formatCode } from './escape-markdown.ts';
import {
  formatCost,
  formatCount,
  formatDuration,
  formatMs,
  formatPercent,
  formatPercentCi,
  formatScore,
} from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';
import { rankCells } from './rank-cells.ts';
import { renderConfusionSection, renderFailingSection, renderTagSection } from './render-report-breakdowns.ts';
import type { FailingCase } from './failing-collector.ts';

export interface ReportDetails {
  /** Already chosen and ordered (see `createFailingCollector`). */
  failing: FailingCase[];
}

const TITLE = 'subtodo-eval scorecard';

export const SIMULATED_BANNER =
  '> ⚠ Simulated: the mock target is a deterministic simulated model, not a real LLM. Scores show the harness works, not prompt quality.';

/** report.md: the scorecard people read and CI posts. Pure: the caller writes it. */
export function renderReportMd(summary: Summary, details: ReportDetails): string {
  const sections = [
    renderHeader(summary),
    renderRankingSection(summary.cells),
    renderComparisonSection(summary),
    renderConfusionSection(summary.cells),
    renderTagSection(summary.cells),
    renderFailingSection(details.failing),
    renderFooter(summary.passThreshold),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** The target as shown in tables, marked when its replies came from the mock. */
function formatTargetCell(cell: Pick<Cell, 'target' | 'simulated'>): string {
  return escapeCell(cell.target) + (cell.simulated ? ' (simulated)' : '');
}

function renderHeader(summary: Summary): string {
  const calls = summary.cells.reduce((sum, c) => sum + c.calls, 0);
  const duration = formatDuration(summary.startedAt, summary.finishedAt);
  const facts = [
    `Started ${escapeInline(summary.startedAt)}`,
    `finished ${escapeInline(summary.finishedAt)}${duration === '' ? '' : ` (${duration})`}`,
    formatCount(summary.cells.length, 'cell'),
    formatCount(calls, 'call'),
  ];
  const lines = [`# ${TITLE} — ${escapeInline(summary.runId)}`, facts.join(' · ')];
  if (summary.simulated) lines.push(SIMULATED_BANNER);
  if (!summary.complete) {
    lines.push(
      '> ⚠ Incomplete run: it stopped before every trial finished, so these numbers cover only the calls ' +
        'recorded, and cells may cover different cases.',
    );
  }
  return lines.join('\n\n');
}

function renderRankingSection(cells: readonly Cell[]): string {
  if (cells.length === 0) return '## Ranking\n\n_No results yet._';
  const rows = rankCells(cells).map(({ rank, cell }) => [
    rank === null ? '—' : String(rank),
    escapeCell(cell.variant),
    formatTargetCell(cell),
    formatScore(cell.meanScore, cell.ci95, cell.n),
    formatPercentCi(cell.passRate, cell.passRateCi95),
    formatPercent(cell.typeAccuracy),
    `${cell.outcomes.format_error} / ${cell.outcomes.schema_error} / ${cell.outcomes.provider_error}`,
    formatMs(cell.latencyMs.p50),
    formatCost(cell.costUsd),
    String(cell.n),
  ]);
  const table = renderMarkdownTable(
    [
      { header: '#', align: 'right' },
      { header: 'variant' },
      { header: 'target' },
      { header: 'score ± CI', align: 'right' },
      { header: 'pass rate (CI)', align: 'right' },
      { header: 'type acc.', align: 'right' },
      { header: 'errors fmt / schema / provider', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'cost', align: 'right' },
      { header: 'n', align: 'right' },
    ],
    rows,
  );
  return `## Ranking\n\n${table}`;
}

function renderComparisonSection(summary: Summary): string {
  if (summary.comparisons.length === 0) {
    const variants = new Set(summary.cells.map((c) => c.variant)).size;
    const why = variants < 2 ? 'each target ran a single variant' : 'no two variants have two or more scored cases in common on the same target';
    return `## Comparisons\n\n_No comparisons: ${why}._`;
  }
  const byTarget = new Map<string, Comparison[]>();
  for (const c of summary.comparisons) byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
  const blocks = [...byTarget].map(([target, comparisons]) => {
    const simulated = summary.cells.some((cell) => cell.target === target && cell.simulated);
    const heading = `### On ${formatCode(target)}${simulated ? ' (simulated)' : ''}`;
    const items = comparisons.map((c) => `- ${describeComparison(c, { name: formatCode })}`);
    return [heading, items.join('\n')].join('\n\n');
  });
  return ['## Comparisons', 'Paired by case; a difference counts only when its 95% CI excludes 0.', ...blocks].join('\n\n');
}

function renderFooter(passThreshold: number): string {
  const lines = [
    '## How to read this',
    [
      '- **score**: the weighted mean of the rubric criteria (0–1), averaged over cases, a case’s repeats first; a failed gate (schema, type) makes a case 0. Provider errors are not scored.',
      '- **± / CI**: half the width of the 95% confidence interval (Student’s t) over cases, not clipped to 0–1, so a small or spread sample can show a bound past 1; “± — (n=1)”: one case, no interval.',
      `- **pass rate**: share of cases scoring at least ${passThreshold}, with its 95% CI in parentheses.`,
      '- **type acc.**: share of scored calls whose reply type is the expected one.',
      '- **errors**: format / schema / provider error counts over all calls, repeats included.',
      '- **comparisons**: B − A paired by case (paired t-test); “beats” only when the 95% CI of the difference excludes 0. When every case moved by the same amount (± 0.00) the p-value is an exact sign test: 6 cases or more to count.',
      '- **p50 ms**: median latency of the calls that got a reply; — when none did.',
    ].join('\n'),
  ];
  return lines.join('\n\n');
}
