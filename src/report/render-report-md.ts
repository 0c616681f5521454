import { renderGateSection } from './render-gate-md.ts';
import { renderRubricCalibration } from './render-rubric-calibration.ts';
import type { Cell, Summary } from '../aggregate/summary-types.ts';
import { escapeCell, escapeInline } from './escape-markdown.ts';
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
import { describeRankingOrder } from './describe-ranking-order.ts';
import { rankCells } from './rank-cells.ts';
import { renderConfusionSection, renderFailingSection, renderTagSection } from './render-report-breakdowns.ts';
import { renderComparisonSection } from './render-report-comparisons.ts';
import { hasFlakyCases, renderFlakySection } from './render-report-flaky.ts';
import type { FailingCase } from './failing-collector.ts';
import { renderCostSection } from './render-cost.ts';
import { renderJudgeSection, renderPairwiseSection, SIMULATED_JUDGE_BANNER } from './render-judge-md.ts';
import { countFailing, renderCriteriaSection, renderProviderErrorSection } from './render-report-view.ts';
import type { ViewModel } from '../view/model/view-types.ts';

export interface ReportDetails {
  /** Already chosen and ordered (see `createFailingCollector`). */
  failing: FailingCase[];
  /** The run's view model: criteria, provider errors and how many failing cases there are in all. */
  view?: ViewModel;
  /** Every failing case was listed (`--all`): no "shown" counts. */
  all?: boolean;
}

const TITLE = 'subtodo-eval scorecard';

export const SIMULATED_BANNER =
  '> ⚠ Simulated: the mock target is a deterministic simulated model, not a real LLM. Scores show the harness works, not prompt quality.';

/** report.md: the scorecard people read and CI posts. Pure: the caller writes it. */
export function renderReportMd(summary: Summary, details: ReportDetails): string {
  const { view } = details;
  const sections = [
    renderHeader(summary),
    ...(summary.gate ? [renderGateSection(summary.gate)] : []),
    renderRankingSection(summary.cells) + optionalParagraph(describeRankingOrder(summary)),
    renderRubricCalibration(summary.rubricCalibration),
    renderComparisonSection(summary),
    ...optional(renderCostSection(summary.cells)),
    ...(summary.pairwise && summary.pairwise.length > 0 ? [renderPairwiseSection(summary.pairwise)] : []),
    ...(summary.judge ? [renderJudgeSection(summary.judge, summary.cells)] : []),
    ...(view ? [renderCriteriaSection(view)] : []),
    renderConfusionSection(summary.cells),
    renderTagSection(summary.cells),
    ...(hasFlakyCases(summary.cells) ? [renderFlakySection(summary.cells)] : []),
    renderFailingSection(
      details.failing.filter((f) => view === undefined || f.outcome !== 'provider_error'),
      view && details.all !== true ? countFailing(view, details.failing) : [],
    ),
    ...(view ? [renderProviderErrorSection(view)] : []),
    renderFooter(summary),
  ];
  return `${sections.join('\n\n')}\n`;
}

function optionalParagraph(text: string | null): string {
  return text === null ? '' : `\n\n${escapeInline(text)}`;
}

function optional(section: string | undefined): string[] {
  return section === undefined ? [] : [section];
}

/** The target as shown in tables, marked when its replies came from the mock. */
function formatTargetCell(cell: Pick<Cell, 'target' | 'simulated'>): string {
  return escapeCell(cell.target) + (cell.simulated ? ' (simulated)' : '');
}

export function renderHeader(summary: Summary): string {
  const calls = summary.cells.reduce((sum, c) => sum + c.calls, 0);
  const duration = formatDuration(summary.startedAt, summary.finishedAt);
  const facts = [
    `Started ${escapeInline(summary.startedAt)}`,
    `finished ${escapeInline(summary.finishedAt)}${duration === '' ? '' : ` (${duration})`}`,
    formatCount(summary.cells.length, 'cell'),
    formatCount(calls, 'call'),
  ];
  const lines = [`# ${TITLE} — ${escapeInline(summary.runId)}`, facts.join(' · ')];
  if (summary.cells.some((c) => c.simulated)) lines.push(SIMULATED_BANNER);
  if (summary.judge?.simulated) lines.push(SIMULATED_JUDGE_BANNER);
  if (!summary.complete) {
    lines.push(
      '> ⚠ Incomplete run: it stopped before every trial finished, so these numbers cover only the calls ' +
        'recorded, and cells may cover different cases.',
    );
  }
  return lines.join('\n\n');
}

/** With repeats the ranking gains a consistency column; without, it keeps its usual shape. */
export function renderRankingSection(cells: readonly Cell[]): string {
  if (cells.length === 0) return '## Ranking\n\n_No results yet._';
  const repeated = cells.some((c) => c.consistency !== null);
  const rows = rankCells(cells).map(({ rank, cell }) => [
    rank === null ? '—' : String(rank),
    escapeCell(cell.variant),
    formatTargetCell(cell),
    formatScore(cell.meanScore, cell.ci95, cell.n),
    formatPercentCi(cell.classification.accuracy, cell.classification.accuracyCi95),
    formatF1(cell.classification.macroF1),
    formatScore(cell.quality.mean, cell.quality.ci95, cell.quality.n),
    formatPercentCi(cell.passRate, cell.passRateCi95),
    formatPercent(cell.exactFormRate),
    ...(repeated ? [formatPercent(cell.consistency)] : []),
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
      { header: 'type acc. (CI)', align: 'right' },
      { header: 'macro-F1', align: 'right' },
      { header: 'quality ± CI', align: 'right' },
      { header: 'pass rate (CI)', align: 'right' },
      { header: 'exact form', align: 'right' },
      ...(repeated ? [{ header: 'consistency', align: 'right' as const }] : []),
      { header: 'errors fmt / schema / provider', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'cost', align: 'right' },
      { header: 'n', align: 'right' },
    ],
    rows,
  );
  return `## Ranking\n\n${table}`;
}

/** Macro-F1 as a share with two decimals, the way F1 is quoted. */
function formatF1(f1: number | null): string {
  return f1 === null ? '—' : f1.toFixed(2);
}

function renderFooter(summary: Summary): string {
  const repeated = summary.cells.some((c) => c.consistency !== null);
  const items = [
    '- **score**: the weighted mean of the rubric criteria (0–1), averaged over cases, a case’s repeats first; a failed gate makes a case 0 (every fault a reply shows by itself is a gate: see docs/rubric.md in subtodo-eval). Provider errors are not scored.',
    '- **± / CI**: half the width of the 95% confidence interval (Student’s t) over cases, not clipped to 0–1, so a small or spread sample can show a bound past 1; “± — (n=1)”: one case, no interval.' +
      (repeated ? ' The case is the unit: repeats are averaged within a case first, so the interval is clustered by case and repeats never count as extra cases.' : ''),
    `- **pass rate**: share of cases scoring at least ${summary.passThreshold}, with its 95% Wilson interval in parentheses${repeated ? '; with repeats a case counts by the share of its repeats that passed, and the interval uses the effective number of cases those shares are worth (Kish), not the raw count' : ''}.`,
    '- **type acc.** (classification): share of calls whose reply kind (answer, question, invalid) the case accepts, a case’s repeats averaged first, with its 95% Wilson interval; a format or schema error counts as a miss. **macro-F1**: the mean F1 of the three kinds. A case that accepts two kinds (`expect.acceptable`) counts either as right; the confusion matrices show what came back.',
    '- **quality**: the mean score over the replies whose kind was acceptable, ± its 95% interval over cases: how good the replies were, apart from whether the prompt chose the right kind. A prompt that classifies well but writes poor sub-todos shows a high type acc. and a low quality.',
    '- **exact form**: share of replies that came exactly in the variant’s declared form (`replyForm`); the rest parsed only because the parser salvaged them from prose, a code fence or another form, or did not parse at all.',
    ...(repeated ? ['- **consistency**: share of a case’s repeats that ended in its most common outcome, averaged over repeated cases; — without repeats.'] : []),
    '- **errors**: format / schema / provider error counts over all calls, repeats included.',
    '- **comparisons**: row − column paired by case; a difference counts only when its p-value, Holm-adjusted over every comparison of the run, is under 0.05. The interval shown is the unadjusted 95% CI: “†” marks one that excludes 0 without the difference counting. Under 20 changed cases, or changes of one size, the p-value and interval come from the exact sign-flip test, otherwise from the paired t-test. The smallest detectable difference is the true difference these cases would find with 80% power at the level a lone difference must clear (0.05 / comparisons).',
    '- **p50 ms**: median latency of the calls that got a reply; — when none did.',
  ];
  return ['## How to read this', items.join('\n'), 'Every formula, and when each test applies: docs/statistics.md in subtodo-eval.'].join('\n\n');
}
