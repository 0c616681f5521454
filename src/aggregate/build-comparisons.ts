import type { AggregateRow } from './aggregate-row.ts';
import type { CaseMean } from './case-means.ts';
import { buildCaseMeans } from './case-means.ts';
import { compareCases, type PairedStats } from './compare-cases.ts';
import { holmAdjust } from './holm.ts';
import { minDetectableEffect } from './min-detectable-effect.ts';
import { excludesZero } from './paired-t-test.ts';
import type { Comparison } from './summary-types.ts';

/** Rows of one cell, looked up by variant and target. */
export type CellRows = (variant: string, target: string) => readonly AggregateRow[];

export const ALPHA = 0.05;

type Pending = { stats: PairedStats; a: string; b: string } & ({ kind: 'variants'; target: string } | { kind: 'targets'; variant: string });

/**
 * Every pair of variants (a before b in variantOrder) on each target, then every pair of targets
 * (in targetOrder) for each variant; each paired by case, see compareCases (pairs with fewer than
 * 2 shared scored cases are left out). The p-values are Holm-adjusted over all of them together,
 * since a reader scans them all for a win; `significant` needs the adjusted p under 0.05 (the
 * unadjusted 95% CI then excludes 0 too). The smallest detectable difference is stated at α/m,
 * the level Holm holds a lone difference to, so a null result never promises more than the
 * decision can deliver.
 */
export function buildComparisons(variantOrder: readonly string[], targetOrder: readonly string[], rowsOf: CellRows): Comparison[] {
  const memo = new Map<string, CaseMean[]>();
  const casesOf = (variant: string, target: string): CaseMean[] => {
    const key = JSON.stringify([variant, target]);
    let cases = memo.get(key);
    if (cases === undefined) memo.set(key, (cases = buildCaseMeans(rowsOf(variant, target))));
    return cases;
  };

  const pending: Pending[] = [];
  for (const target of targetOrder) {
    forEachPair(variantOrder, (a, b) => {
      const stats = compareCases(casesOf(a, target), casesOf(b, target));
      if (stats !== null) pending.push({ kind: 'variants', target, a, b, stats });
    });
  }
  for (const variant of variantOrder) {
    forEachPair(targetOrder, (a, b) => {
      const stats = compareCases(casesOf(variant, a), casesOf(variant, b));
      if (stats !== null) pending.push({ kind: 'targets', variant, a, b, stats });
    });
  }

  const adjusted = holmAdjust(pending.map((p) => p.stats.pValue));
  const mdeAlpha = ALPHA / Math.max(1, pending.length);
  return pending.map((p, i) => toComparison(p, adjusted[i] ?? 1, mdeAlpha));
}

function forEachPair(names: readonly string[], visit: (a: string, b: string) => void): void {
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) visit(names[i] as string, names[j] as string);
  }
}

/** Field by field, in a fixed order, so summary.json reads the same run after run. */
function toComparison(p: Pending, pAdjusted: number, mdeAlpha: number): Comparison {
  const { stats } = p;
  const shared = {
    a: p.a,
    b: p.b,
    meanDiff: stats.meanDiff,
    ci95: stats.ci95,
    pValue: stats.pValue,
    n: stats.n,
    significant: excludesZero(stats.ci95) && pAdjusted < ALPHA,
    method: stats.method,
    pAdjusted,
    mcnemar: stats.mcnemar,
    flipped: stats.flipped,
    mde: minDetectableEffect(stats.evidence.sd, stats.n, mdeAlpha),
    mdeAlpha,
    changed: stats.changed,
  };
  return p.kind === 'variants' ? { kind: 'variants', target: p.target, ...shared } : { kind: 'targets', variant: p.variant, ...shared };
}
