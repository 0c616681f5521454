import type { GateCell, GateCheck, GateVerdict } from '../aggregate/summary-types.ts';
import { formatCount, formatDiff, formatP, halfWidth } from '../report/format-numbers.ts';
import { labelCellKey } from './cell-key.ts';

/** How a variant or target name is shown: as is on stderr, a code span in markdown. */
export type NameFormat = (id: string) => string;

const plain: NameFormat = (id) => id;

/** Every failed check, one line each, cell by cell: what stderr prints after `gate: `. */
export function listGateReasons(verdict: GateVerdict, name: NameFormat = plain): string[] {
  return verdict.cells.flatMap((cell) => cell.failed.map((check) => describeGateFailure(cell, check, verdict, name)));
}

/**
 * `seed-xml × mock: score 0.610 fell 0.12 below baseline 0.730 (-0.12 ± 0.05, p = 0.001, 138 cases) > max drop 0.05`.
 * The fall is the paired mean difference over the cases both runs scored ("shared" when either
 * run had others), so a corpus that grew does not read as a drop.
 */
export function describeGateFailure(cell: GateCell, check: GateCheck, verdict: Pick<GateVerdict, 'failUnder' | 'maxDrop' | 'cells'>, name: NameFormat = plain): string {
  const label = labelCellKey(cell, name);
  switch (check) {
    case 'no-score':
      return `${label}: no case was scored (every call failed): nothing to pass the gate on`;
    case 'fail-under':
      return `${label}: score ${formatScore(cell.meanScore)} < fail-under ${String(verdict.failUnder)} (${formatCount(cell.n, 'case')})`;
    case 'max-drop': {
      const base = cell.baseline;
      const diff = base?.diff;
      if (base === undefined || diff === undefined || diff === null) return `${label}: fell below the baseline`;
      const half = halfWidth(diff.ci95);
      const shared = diff.n === cell.n && diff.n === base.n ? 'case' : 'shared case';
      return (
        `${label}: score ${formatScore(cell.meanScore)} fell ${formatDrop(-diff.meanDiff, half)} below baseline ${formatScore(base.meanScore)} ` +
        `(${formatDiff(diff.meanDiff, half)}, ${formatGateP(diff.pAdjusted, countTested(verdict))}, ${formatCount(diff.n, shared)}) > max drop ${String(verdict.maxDrop)}`
      );
    }
  }
}

/** What the gate could not check, so a pass is not read as covering more than it did. */
export function listGateNotes(verdict: GateVerdict, name: NameFormat = plain): string[] {
  const notes: string[] = [];
  for (const cell of verdict.cells) {
    const label = labelCellKey(cell, name);
    // No score and no no-score failure: the cell made no call (an interrupted run).
    if (cell.meanScore === null && !cell.failed.includes('no-score')) notes.push(`${label}: no calls recorded; not checked`);
    else if (verdict.maxDrop === undefined) continue;
    else if (cell.baseline === undefined) notes.push(`${label}: not in the baseline; max drop not checked`);
    else if (cell.baseline.diff === null) notes.push(`${label}: under 2 cases scored in both runs; max drop not checked`);
  }
  for (const cell of verdict.baselineOnly) notes.push(`${labelCellKey(cell, name)}: in the baseline only; not checked`);
  return notes;
}

/** `p = 0.004`, with the adjustment named when more than one cell was tested. */
export function formatGateP(pAdjusted: number, tested: number): string {
  return tested > 1 ? `${formatP(pAdjusted)} Holm-adjusted over ${tested} cells` : formatP(pAdjusted);
}

/** Cells compared with the baseline by a test: the Holm family. */
export function countTested(verdict: Pick<GateVerdict, 'cells'>): number {
  return verdict.cells.filter((c) => c.baseline?.diff).length;
}

function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(3);
}

/** The drop alone, with the digits formatDiff gives it next to its half-width. */
function formatDrop(drop: number, half: number): string {
  return formatDiff(drop, half).split(' ± ')[0] ?? drop.toFixed(2);
}
