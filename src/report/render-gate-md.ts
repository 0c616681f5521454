import type { GateCell, GateVerdict } from '../aggregate/summary-types.ts';
import { countTested, listGateNotes, listGateReasons } from '../compare/describe-gate.ts';
import { escapeCell, escapeInline, formatCode } from './escape-markdown.ts';
import { formatDiff, formatP, halfWidth, MISSING } from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';

export const GATE_HEADING = '## Quality gate';

/** The gate's verdict for report.md and the CI job summary: the failures first, then every cell. */
export function renderGateSection(gate: GateVerdict): string {
  const title = `${GATE_HEADING}: ${gate.passed ? '✅ passed' : '❌ failed'}`;
  const blocks = [title, describeChecks(gate)];
  const reasons = listGateReasons(gate, formatCode);
  if (reasons.length > 0) blocks.push(reasons.map((r) => `- ❌ ${r}`).join('\n'));
  blocks.push(renderGateTable(gate));
  const notes = listGateNotes(gate, formatCode);
  if (notes.length > 0) blocks.push(`Not checked:\n\n${notes.map((n) => `- ${n}`).join('\n')}`);
  return blocks.join('\n\n');
}

function describeChecks(gate: GateVerdict): string {
  const checks: string[] = [];
  if (gate.failUnder !== undefined) checks.push(`every cell’s mean score at least ${gate.failUnder}`);
  if (gate.baseline !== undefined) {
    const run = gate.baselineRunId === undefined ? '' : ` (run ${escapeInline(gate.baselineRunId)})`;
    const drop = gate.maxDrop === undefined || gate.maxDrop === 0 ? 'no cell’s score significantly below' : `no cell’s score more than ${gate.maxDrop} below`;
    checks.push(
      `${drop} the baseline ${escapeInline(gate.baseline)}${run}, ` +
        'where a drop counts only when the paired difference over shared cases is significant (95% CI excludes 0' +
        (countTested(gate) > 1 ? ', p Holm-adjusted over the cells tested)' : ')'),
    );
  }
  checks.push('no cell without a scored case');
  return `Checks: ${checks.join('; ')}.`;
}

function renderGateTable(gate: GateVerdict): string {
  const withBaseline = gate.baseline !== undefined;
  const rows = gate.cells.map((cell) => [
    escapeCell(cell.variant),
    escapeCell(cell.target),
    formatMean(cell.meanScore, cell.n),
    ...(withBaseline ? formatBaseline(cell) : []),
    cell.failed.length === 0 ? '✅ pass' : `❌ ${cell.failed.join(', ')}`,
  ]);
  const columns = [
    { header: 'variant' },
    { header: 'target' },
    { header: 'score (n)', align: 'right' as const },
    ...(withBaseline
      ? [
          { header: 'baseline (n)', align: 'right' as const },
          { header: 'paired Δ ± CI', align: 'right' as const },
          { header: countTested(gate) > 1 ? 'p (Holm)' : 'p', align: 'right' as const },
        ]
      : []),
    { header: 'gate' },
  ];
  return renderMarkdownTable(columns, rows);
}

function formatBaseline(cell: GateCell): string[] {
  const base = cell.baseline;
  if (base === undefined) return [MISSING, MISSING, MISSING];
  const diff = base.diff;
  return [
    formatMean(base.meanScore, base.n),
    diff === null ? MISSING : `${formatDiff(diff.meanDiff, halfWidth(diff.ci95))} (${diff.n})`,
    diff === null ? MISSING : formatP(diff.pAdjusted),
  ];
}

function formatMean(mean: number | null, n: number): string {
  return mean === null ? `${MISSING} (0)` : `${mean.toFixed(3)} (${n})`;
}
