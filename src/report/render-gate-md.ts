import type { GateCell, GateMarginTest, GateVerdict } from '../aggregate/summary-types.ts';
import { metricLabel } from '../compare/gate-metric.ts';
import { countTested, describeMarginP, formatConfidence, listGateNotes, listGateReasons } from './describe-gate.ts';
import { formatEffect } from './describe-comparison.ts';
import { escapeCell, escapeInline, formatCode } from './escape-markdown.ts';
import { formatTogether, MISSING } from './format-numbers.ts';
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
  const metric = metricLabel(gate.metric ?? 'score');
  const checks: string[] = [];
  if (gate.failUnder !== undefined) checks.push(`every cell’s mean ${metric} at least ${gate.failUnder}`);
  if (gate.baseline !== undefined) {
    const run = gate.baselineRunId === undefined ? '' : ` (run ${escapeInline(gate.baselineRunId)})`;
    const d = gate.maxDrop ?? 0;
    const against = `the baseline ${escapeInline(gate.baseline)}${run}, paired by case over the cases both runs have`;
    const tested = countTested(gate);
    const limit = d > 0 ? `−${d}` : '0';
    if (gate.mode === 'non-inferiority') {
      checks.push(
        `every cell shown no more than ${d} below ${against}: its one-sided 95% lower bound of this run − baseline must be above ${limit} ` +
          '(mode non-inferiority: a cell fails unless the data show the drop is under the margin; no adjustment, since every cell must pass)',
      );
    } else {
      const holm = tested > 1 ? `, Holm-adjusted over the ${tested} cells tested,` : '';
      const drop = d > 0 ? `a ${metric} drop of more than ${d}` : `any ${metric} drop`;
      checks.push(
        `no cell with evidence of ${drop} below ${against}: a cell fails when the one-sided 95% upper bound of this run − baseline${holm} is below ${limit} ` +
          `(mode max-drop: ${d > 0 ? 'a drop within the margin, or noise, does not fail' : 'noise does not fail'})`,
      );
    }
  }
  checks.push('no cell without a scored case');
  const power = gate.baseline === undefined ? '' : ' “Could detect” is the smallest true drop the check catches with 80% power on these cases.';
  return `Checks: ${checks.join('; ')}.${power}`;
}

function renderGateTable(gate: GateVerdict): string {
  const withBaseline = gate.baseline !== undefined;
  const metric = metricLabel(gate.metric ?? 'score');
  const rows = gate.cells.map((cell) => [
    escapeCell(cell.variant),
    escapeCell(cell.target),
    formatMean(cell.value === undefined ? cell.meanScore : cell.value, cell.valueN ?? cell.n),
    ...(withBaseline ? formatBaseline(cell) : []),
    cell.failed.length === 0 ? '✅ pass' : `❌ ${cell.failed.join(', ')}`,
  ]);
  const columns = [
    { header: 'variant' },
    { header: 'target' },
    { header: `${metric} (n)`, align: 'right' as const },
    ...(withBaseline
      ? [
          { header: 'baseline (n)', align: 'right' as const },
          { header: 'change [95% CI] (shared n)', align: 'right' as const },
          { header: 'bound vs margin', align: 'right' as const },
          { header: 'p (margin)', align: 'right' as const },
          { header: 'could detect drops ≥', align: 'right' as const },
        ]
      : []),
    { header: 'gate' },
  ];
  return renderMarkdownTable(columns, rows);
}

function formatBaseline(cell: GateCell): string[] {
  const base = cell.baseline;
  if (base === undefined) return [MISSING, MISSING, MISSING, MISSING, MISSING];
  const diff = base.diff;
  const baseline = formatMean(base.value === undefined ? base.meanScore : base.value, base.valueN ?? base.n);
  if (diff === null) return [baseline, MISSING, MISSING, MISSING, MISSING];
  const [change, lo, hi] = formatTogether([diff.meanDiff, diff.ci95[0], diff.ci95[1]]);
  const m = diff.margin;
  return [
    baseline,
    `${change} [${lo}, ${hi}] (${diff.n})`,
    m === undefined ? MISSING : formatBound(m),
    m === undefined ? MISSING : describeMarginP(m),
    m === undefined || m.detectableDrop === null ? MISSING : m.detectableDrop <= 0 ? 'any' : formatEffect(m.detectableDrop),
  ];
}

/** `upper -0.14 < -0.10 (98.3%)`: the bound, how it stands to the margin, and its one-sided confidence. */
function formatBound(m: GateMarginTest): string {
  const [bound, limit] = formatTogether([m.bound, -m.margin]);
  const side = m.mode === 'max-drop' ? 'upper' : 'lower';
  const relation = m.bound < -m.margin ? '<' : m.bound > -m.margin ? '>' : '=';
  return `${side} ${bound} ${relation} ${limit} (${formatConfidence(m.confidence)})`;
}

function formatMean(mean: number | null, n: number): string {
  return mean === null ? `${MISSING} (0)` : `${mean.toFixed(3)} (${n})`;
}
