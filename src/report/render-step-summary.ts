import type { Summary } from '../aggregate/summary-types.ts';
import type { ViewModel } from '../view/model/view-types.ts';
import { digestComparisons } from './comparison-digest.ts';
import { formatCode } from './escape-markdown.ts';
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
  if (summary.comparisons.length === 0) return '## Significant changes\n\n_No comparisons in this run._';
  const digest = digestComparisons(summary, formatCode);
  const lines = digest.differences.map(({ mark, text }) => `- ${mark === '≈' ? '≈ ' : ''}${text}`);
  if (digest.unadjusted !== null) lines.push(`- † ${digest.unadjusted}`);
  if (digest.nulls !== null) lines.push(`- ${digest.nulls}`);
  return `## Significant changes\n\n${lines.join('\n')}`;
}
