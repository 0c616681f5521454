import type { Summary } from '../aggregate/summary-types.ts';
import type { ViewModel } from '../view/model/view-types.ts';
import { describeComparison, judgeComparison } from './describe-comparison.ts';
import { formatCode } from './escape-markdown.ts';
import { formatCount } from './format-numbers.ts';
import { renderGateSection } from './render-gate-md.ts';
import { renderHeader, renderRankingSection } from './render-report-md.ts';
import { renderProviderErrorSection } from './render-report-view.ts';

/**
 * The GitHub job summary: short enough to read on the run's page. The gate, the ranking, the
 * significant comparisons, provider errors when there were any, and where the full reports are.
 */
export function renderStepSummary(summary: Summary, view: ViewModel): string {
  const sections = [renderHeader(summary), ...(summary.gate ? [renderGateSection(summary.gate)] : []), renderRankingSection(summary.cells), renderSignificant(summary)];
  if (view.providerErrors.length > 0) sections.push(renderProviderErrorSection(view));
  sections.push(
    '**Full report:** `report.html` (charts, every case, replies side by side; opens from disk) and `report.md`, in the run folder ' +
      `${formatCode(`reports/${summary.runId}`)} — download it from this workflow run’s artifacts.`,
  );
  return `${sections.join('\n\n')}\n`;
}

function renderSignificant(summary: Summary): string {
  const { comparisons } = summary;
  if (comparisons.length === 0) return '## Significant changes\n\n_No comparisons in this run._';
  const wins = comparisons.filter((c) => judgeComparison(c).kind === 'win');
  const adjusted = comparisons.length > 1;
  const lines = wins.map((c) => `- ${describeComparison(c, { name: formatCode, adjusted, detail: 'short' })}`);
  const rest = comparisons.length - wins.length;
  if (rest > 0) lines.push(`- No significant difference in ${wins.length === 0 ? '' : 'the other '}${formatCount(rest, 'comparison')}.`);
  return `## Significant changes\n\n${lines.join('\n')}`;
}
