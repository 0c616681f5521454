import type { GateCell, GateCheck, GateMarginTest, GateVerdict } from '../aggregate/summary-types.ts';
import { labelCellKey } from '../compare/cell-key.ts';
import { metricLabel } from '../compare/gate-metric.ts';
import { formatEffect, formatRange } from './describe-comparison.ts';
import { formatCount, formatP, formatTogether, MISSING } from './format-numbers.ts';

/** How a variant or target name is shown: as is on stderr, a code span in markdown. */
export type NameFormat = (id: string) => string;

const plain: NameFormat = (id) => id;

type VerdictFacts = Pick<GateVerdict, 'failUnder' | 'maxDrop' | 'metric' | 'cells'>;

/** Every failed check, one line each, cell by cell: what stderr prints after `gate: ` and summary.json keeps as `reasons`. */
export function listGateReasons(verdict: GateVerdict, name: NameFormat = plain): string[] {
  return verdict.cells.flatMap((cell) => cell.failed.map((check) => describeGateFailure(cell, check, verdict, name)));
}

/**
 * One line per failed check, its numbers beside the words that follow from them:
 * `seed-xml × mock: score 0.480 vs baseline 0.730: change -0.25 over 60 cases; upper bound -0.14 <
 * -0.10 (max-drop 0.1: one-sided 95%; p = 0.003): evidence the drop exceeds 0.1; could detect
 * drops ≥ 0.18`. The change is paired over the cases both runs have ("shared" when either run
 * had others), so a corpus that grew does not read as a drop.
 */
export function describeGateFailure(cell: GateCell, check: GateCheck, verdict: VerdictFacts, name: NameFormat = plain): string {
  const label = labelCellKey(cell, name);
  const metric = metricLabel(verdict.metric ?? 'score');
  switch (check) {
    case 'no-score':
      return `${label}: no case was scored (every call failed): nothing to pass the gate on`;
    case 'fail-under': {
      const floor = verdict.failUnder ?? 0;
      const value = cell.value === undefined ? cell.meanScore : cell.value;
      if (value === null) return `${label}: no case had an accepted reply type: no ${metric} to hold to fail-under ${String(floor)}`;
      const [shown] = formatTogether([value, floor], 3);
      return `${label}: ${metric} ${shown ?? MISSING} < fail-under ${String(floor)} (${describeValueCases(cell, verdict)})`;
    }
    case 'max-drop':
    case 'non-inferiority': {
      const base = cell.baseline;
      const diff = base?.diff;
      const margin = diff?.margin;
      if (base === undefined || diff === undefined || diff === null || margin === undefined) {
        return `${label}: ${metric} fell below the baseline (max drop ${String(verdict.maxDrop ?? 0)})`;
      }
      const [change, bound, limit] = formatTogether([diff.meanDiff, margin.bound, -margin.margin]);
      const shared = diff.n === (cell.valueN ?? cell.n) && diff.n === (base.valueN ?? base.n) ? 'case' : 'shared case';
      const head = `${label}: ${metric} ${formatValue(cell.value ?? cell.meanScore)} vs baseline ${formatValue(base.value ?? base.meanScore)}: change ${change} over ${formatCount(diff.n, shared)}`;
      const test = `(${describeMode(margin)}; ${describeMarginP(margin)})`;
      if (check === 'max-drop') {
        return `${head}; upper bound ${bound} < ${limit} ${test}: evidence the drop exceeds ${String(margin.margin)}; ${describeMarginPower(margin)}`;
      }
      return `${head}; lower bound ${bound} is not above ${limit} ${test}: no evidence the drop is under ${String(margin.margin)}; ${describeMarginPower(margin)}`;
    }
  }
}

/** `max-drop 0.1: one-sided 98.3%, Holm over 3 cells`. */
export function describeMode(m: GateMarginTest): string {
  const holm = m.mode === 'max-drop' && m.family > 1 ? `, Holm over ${m.family} cells` : '';
  return `${m.mode} ${String(m.margin)}: one-sided ${formatConfidence(m.confidence)}${holm}`;
}

/** The margin test's p, adjusted when Holm was applied. */
export function describeMarginP(m: GateMarginTest): string {
  return m.mode === 'max-drop' && m.family > 1 ? `${formatP(m.pAdjusted)} adjusted` : formatP(m.pValue);
}

/** `could detect drops ≥ 0.18`, and for non-inferiority how often an unchanged prompt passes. */
export function describeMarginPower(m: GateMarginTest): string {
  if (m.detectableDrop === null) return 'power unknown: the differences have no spread to estimate it from';
  const detect = m.detectableDrop <= 0 ? 'could detect any drop' : `could detect drops ≥ ${formatEffect(m.detectableDrop)}`;
  if (m.mode === 'max-drop' || m.passChance === null) return `${detect} (80% power)`;
  return `${detect} (80% power); an unchanged prompt passes ${Math.round(m.passChance * 100)}% of the time with these cases`;
}

/** `95%`, `98.3%`: the one-sided confidence of a gate bound. */
export function formatConfidence(confidence: number): string {
  const percent = confidence * 100;
  const text = percent >= 99.95 ? percent.toPrecision(6) : percent.toFixed(1);
  return `${text.replace(/\.?0+$/, '')}%`;
}

/** The gate's passing line: what it checked and, with a baseline, what it could have seen. */
export function describeGatePass(verdict: GateVerdict): string {
  const checked = formatCount(verdict.cells.length, 'cell');
  const metric = metricLabel(verdict.metric ?? 'score');
  const parts: string[] = [];
  if (verdict.failUnder !== undefined) parts.push(`${metric} ≥ ${String(verdict.failUnder)}`);
  const margins = verdict.cells.flatMap((c) => (c.baseline?.diff?.margin ? [c.baseline.diff.margin] : []));
  const first = margins[0];
  if (verdict.baseline !== undefined && first === undefined) {
    parts.push(`${verdict.mode ?? 'max-drop'} ${String(verdict.maxDrop ?? 0)} not checked: no cell has 2 cases with a ${metric} in both runs`);
  }
  if (first !== undefined) {
    const mode = first.mode === 'max-drop' ? `no evidence of a ${metric} drop over ${String(first.margin)}` : `${metric} shown no more than ${String(first.margin)} below the baseline`;
    const detectable = margins.flatMap((m) => (m.detectableDrop === null ? [] : [m.detectableDrop]));
    const power = detectable.length === 0 ? 'power unknown (no spread in the differences)' : `could detect drops ≥ ${formatRange(Math.min(...detectable), Math.max(...detectable))} (80% power)`;
    parts.push(`${first.mode} ${String(first.margin)}: ${mode}; ${power}`);
    const unchecked = verdict.cells.length - margins.length;
    if (unchecked > 0) parts.push(`${formatCount(unchecked, 'cell')} not checked against the baseline (report.md says why)`);
  }
  return `passed (${checked} checked${parts.length === 0 ? '' : `; ${parts.join('; ')}`})`;
}

/** What the gate could not check, so a pass is not read as covering more than it did. */
export function listGateNotes(verdict: GateVerdict, name: NameFormat = plain): string[] {
  const notes: string[] = [];
  const drop = verdict.mode ?? 'max-drop';
  for (const cell of verdict.cells) {
    const label = labelCellKey(cell, name);
    // No score and no no-score failure: the cell made no call (an interrupted run).
    if (cell.meanScore === null && !cell.failed.includes('no-score')) notes.push(`${label}: no calls recorded; not checked`);
    else if (verdict.baseline === undefined) continue;
    else if (cell.baseline === undefined) notes.push(`${label}: not in the baseline; ${drop} not checked`);
    else if (cell.baseline.diff === null) notes.push(`${label}: under 2 cases with a ${metricLabel(verdict.metric ?? 'score')} in both runs; ${drop} not checked`);
  }
  for (const cell of verdict.baselineOnly) notes.push(`${labelCellKey(cell, name)}: in the baseline only; not checked`);
  return notes;
}

/** Cells compared with the baseline by a test: the Holm family. */
export function countTested(verdict: Pick<GateVerdict, 'cells'>): number {
  return verdict.cells.filter((c) => c.baseline?.diff).length;
}

function describeValueCases(cell: GateCell, verdict: VerdictFacts): string {
  const n = cell.valueN ?? cell.n;
  return verdict.metric === 'quality' ? `${formatCount(n, 'case')} with an accepted reply type` : formatCount(n, 'case');
}

function formatValue(value: number | null | undefined): string {
  return value === null || value === undefined ? MISSING : value.toFixed(3);
}
