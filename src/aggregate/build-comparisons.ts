import type { AggregateRow } from './aggregate-row.ts';
import { buildCaseMeans } from './case-means.ts';
import { pairedTTest } from './paired-t-test.ts';
import type { Comparison } from './summary-types.ts';

/** Rows of one cell, looked up by variant and target. */
export type CellRows = (variant: string, target: string) => readonly AggregateRow[];

/**
 * Every pair of variants (a before b in variantOrder) on each target, paired by case over the
 * cases both scored; diff = b − a per case (repeats averaged first). Pairs with fewer than 2
 * shared cases are left out: one difference has no spread to test against. `significant` is the
 * test's: the CI excludes 0 and p < 0.05 (see pairedTTest for differences that are all the same).
 */
export function buildComparisons(variantOrder: readonly string[], targetOrder: readonly string[], rowsOf: CellRows): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const target of targetOrder) {
    const means = variantOrder.map((variant) => scoresByCase(rowsOf(variant, target)));
    for (let i = 0; i < variantOrder.length; i++) {
      for (let j = i + 1; j < variantOrder.length; j++) {
        const a = means[i] as Map<string, number>;
        const b = means[j] as Map<string, number>;
        const diffs: number[] = [];
        for (const [caseId, scoreA] of a) {
          const scoreB = b.get(caseId);
          if (scoreB !== undefined) diffs.push(scoreB - scoreA);
        }
        const test = pairedTTest(diffs);
        if (test === null) continue;
        // Field by field, so nothing the test adds later leaks into summary.json.
        comparisons.push({
          target,
          a: variantOrder[i] as string,
          b: variantOrder[j] as string,
          meanDiff: test.meanDiff,
          ci95: test.ci95,
          pValue: test.pValue,
          n: test.n,
          significant: test.significant,
        });
      }
    }
  }
  return comparisons;
}

function scoresByCase(rows: readonly AggregateRow[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const c of buildCaseMeans(rows)) if (c.score !== null) scores.set(c.caseId, c.score);
  return scores;
}
