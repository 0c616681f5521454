// The report's own number formats, so the page, report.md and the terminal say the same thing.
export { formatCost, formatMs, formatPercent, formatPercentCi, formatScore, formatDiff, formatP, halfWidth, MISSING } from '../../report/format-numbers.ts';
import type { ViewCell } from '../model/view-types.ts';
import { visible } from './dom.ts';

export function cellLabel(cell: Pick<ViewCell, 'variant' | 'target'>, targets: number): string {
  return visible(targets > 1 ? `${cell.variant} @ ${cell.target}` : cell.variant);
}

export function formatTokens(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(0)}k` : String(n);
}

export function formatFixed(x: number | null, digits = 3): string {
  return x === null ? '—' : x.toFixed(digits);
}

export function countTargets(cells: readonly ViewCell[]): number {
  return new Set(cells.map((c) => c.target)).size;
}
