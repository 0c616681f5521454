import type { SharedCase } from './pair-cells.ts';

export interface CaseChanges {
  /** Worst drop first. */
  regressed: SharedCase[];
  /** Biggest gain first. */
  improved: SharedCase[];
}

/** Score differences within this are float noise from subtracting scores, not a change. */
const SAME = 1e-9;

/**
 * The cases that got worse (score dropped, or the share of passing repeats fell) and better, from
 * a to b. The score decides the direction; a pass that flipped at an unchanged mean score (with
 * repeats) decides it only when the score did not move. Ties keep case order.
 */
export function findCaseChanges(shared: readonly SharedCase[]): CaseChanges {
  const regressed: SharedCase[] = [];
  const improved: SharedCase[] = [];
  for (const pair of shared) {
    const direction = directionOf(pair);
    if (direction < 0) regressed.push(pair);
    else if (direction > 0) improved.push(pair);
  }
  regressed.sort((x, y) => x.diff - y.diff);
  improved.sort((x, y) => y.diff - x.diff);
  return { regressed, improved };
}

function directionOf(pair: SharedCase): number {
  if (pair.diff < -SAME) return -1;
  if (pair.diff > SAME) return 1;
  const passA = pair.a.pass ?? 0;
  const passB = pair.b.pass ?? 0;
  return Math.sign(passB - passA);
}
