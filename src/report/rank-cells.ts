import type { Cell } from '../aggregate/summary-types.ts';

export interface RankedCell {
  /** Equal scores share a rank (1, 1, 3); a cell with no score has none. */
  rank: number | null;
  cell: Cell;
}

/** Best mean score first; ties by pass rate, then by name so the order never depends on input. */
export function rankCells(cells: readonly Cell[]): RankedCell[] {
  const sorted = [...cells].sort(compareCells);
  let previous: number | null = null;
  let previousRank = 0;
  return sorted.map((cell, i) => {
    if (cell.meanScore === null) return { rank: null, cell };
    const rank = cell.meanScore === previous ? previousRank : i + 1;
    previous = cell.meanScore;
    previousRank = rank;
    return { rank, cell };
  });
}

export function labelCell(cell: Pick<Cell, 'variant' | 'target'>): string {
  return `${cell.variant} @ ${cell.target}`;
}

function compareCells(x: Cell, y: Cell): number {
  return (
    compareDesc(x.meanScore, y.meanScore) ||
    compareDesc(x.passRate, y.passRate) ||
    x.variant.localeCompare(y.variant, 'en') ||
    x.target.localeCompare(y.target, 'en')
  );
}

/** Descending, nulls last. */
function compareDesc(x: number | null, y: number | null): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return y - x;
}
