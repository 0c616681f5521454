import type { PairRecord } from '../run/pairwise/pair-record.ts';
import { wilsonCi95 } from './confidence.ts';
import { binomialTwoSidedHalf } from './mcnemar.ts';
import type { PairwiseSummary } from './summary-types.ts';

/** Under this two-sided p the first position wins too often (or too rarely) to be chance. */
const BIAS_ALPHA = 0.05;

/**
 * One comparison (a vs b on a target) from its pair records. The case is the unit: a case's
 * repeats vote (a win +1, a loss −1) and the sign of the sum is its outcome, so repeats never
 * count as extra cases. Win rate and sign test are over decisive cases (ties dropped, as the sign
 * test requires); position bias is over single orders that named a winner, tested against ½.
 */
export function summarizePairwise(a: string, b: string, target: string, records: readonly PairRecord[]): PairwiseSummary {
  const votes = new Map<string, number>();
  let unjudged = 0;
  let errors = 0;
  let orderDisagreements = 0;
  let firstWins = 0;
  let decisive = 0;
  for (const r of records) {
    if (r.outcome === 'unjudged') unjudged++;
    else if (r.outcome === 'error') errors++;
    else votes.set(r.caseId, (votes.get(r.caseId) ?? 0) + (r.outcome === 'a' ? 1 : r.outcome === 'b' ? -1 : 0));
    if (r.disagreed) orderDisagreements++;
    for (const first of r.firstWon ?? []) {
      if (first === null) continue;
      decisive++;
      if (first) firstWins++;
    }
  }
  const net = [...votes.values()];
  const wins = net.filter((v) => v > 0).length;
  const losses = net.filter((v) => v < 0).length;
  const positionP = binomialTwoSidedHalf(Math.min(firstWins, decisive - firstWins), decisive);
  return {
    a,
    b,
    target,
    n: net.length,
    wins,
    ties: net.length - wins - losses,
    losses,
    winRate: wins + losses === 0 ? null : wins / (wins + losses),
    winRateCi95: wilsonCi95(wins, wins + losses),
    signTestP: binomialTwoSidedHalf(Math.min(wins, losses), wins + losses),
    orderDisagreements,
    positionBias: {
      firstWins,
      decisive,
      rate: decisive === 0 ? null : firstWins / decisive,
      ci95: wilsonCi95(firstWins, decisive),
      pValue: positionP,
      biased: decisive > 0 && positionP < BIAS_ALPHA,
    },
    unjudged,
    errors,
  };
}
