import { sortCaseIds } from './sort-case-ids.ts';
import type { CaseMean } from './case-means.ts';
import { mcnemarExact } from './mcnemar.ts';
import { intervalOf, twoSidedP, weighPairedDiffs, type PairedEvidence } from './paired-evidence.ts';
import type { PairedComparison } from './summary-types.ts';

/** The statistics of a pair, before names and the run-wide Holm adjustment (`pAdjusted`, `significant`, `mde`). */
export type PairedStats = Omit<PairedComparison, 'a' | 'b' | 'pAdjusted' | 'significant' | 'mde' | 'mdeAlpha'> & {
  /** The evidence the numbers came from, for the detectable difference at the run's level. */
  evidence: PairedEvidence;
};

const ALPHA = 0.05;

/**
 * Two cells' cases paired by id over the cases scored on both sides, b − a per case (each case's
 * repeats averaged first). Null under 2 shared cases: one difference has no spread to test
 * against. The flips and McNemar's test look at the same cases as the paired test.
 */
export function compareCases(a: readonly CaseMean[], b: readonly CaseMean[]): PairedStats | null {
  const byId = new Map(b.map((c) => [c.caseId, c]));
  const pairs: [CaseMean, CaseMean][] = [];
  for (const ca of a) {
    const cb = byId.get(ca.caseId);
    if (cb !== undefined && ca.score !== null && cb.score !== null) pairs.push([ca, cb]);
  }
  const evidence = weighPairedDiffs(pairs.map(([ca, cb]) => (cb.score as number) - (ca.score as number)));
  if (evidence === null) return null;
  const flipped = findFlips(pairs);
  return {
    meanDiff: evidence.meanDiff,
    ci95: intervalOf(evidence, ALPHA),
    pValue: twoSidedP(evidence),
    n: evidence.n,
    method: evidence.method,
    changed: evidence.changed,
    mcnemar: pairs.every(([ca, cb]) => ca.samples === 1 && cb.samples === 1 && ca.pass !== null && cb.pass !== null)
      ? mcnemarExact(flipped.toFail.length, flipped.toPass.length)
      : null,
    flipped,
    evidence,
  };
}

/** Majority verdict of a case's repeats: pass over half, fail under half, undecided at exactly half. */
function verdictOf(c: CaseMean): 'pass' | 'fail' | null {
  if (c.pass === null || c.pass === 0.5) return null;
  return c.pass > 0.5 ? 'pass' : 'fail';
}

function findFlips(pairs: readonly [CaseMean, CaseMean][]): PairedComparison['flipped'] {
  const toFail: string[] = [];
  const toPass: string[] = [];
  for (const [ca, cb] of pairs) {
    const before = verdictOf(ca);
    const after = verdictOf(cb);
    if (before === 'pass' && after === 'fail') toFail.push(ca.caseId);
    if (before === 'fail' && after === 'pass') toPass.push(ca.caseId);
  }
  return { toFail: sortCaseIds(toFail), toPass: sortCaseIds(toPass) };
}
