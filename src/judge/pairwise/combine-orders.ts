import type { Preference } from './parse-preference.ts';

/** The pair's verdict: variant a or b is better, a tie, or an error (a judge reply unusable). */
export type PairOutcome = 'a' | 'b' | 'tie' | 'error';

export interface CombinedPair {
  outcome: PairOutcome;
  /** Both orders gave a winner and named different variants: the judge followed the position. */
  disagreed: boolean;
  /** Per order, whether the decisive verdict went to the first position; null for a tie or an error. */
  firstWon: [boolean | null, boolean | null];
  error?: string;
}

/**
 * Both orders → one verdict. Order 1 shows a's reply as A, order 2 shows b's reply as A. A winner
 * counts only when both orders name the same variant; anything else (one tie, or each order
 * picking whichever came first) is a tie, so a judge's position bias can never make a winner.
 */
export function combineOrders(aFirst: Preference, bFirst: Preference): CombinedPair {
  const firstWon: [boolean | null, boolean | null] = [decisive(aFirst), decisive(bFirst)];
  if (!aFirst.ok || !bFirst.ok) {
    const error = !aFirst.ok ? aFirst.error : !bFirst.ok ? bFirst.error : '';
    return { outcome: 'error', disagreed: false, firstWon, error };
  }
  const one = aFirst.winner === 'A' ? 'a' : aFirst.winner === 'B' ? 'b' : 'tie';
  const two = bFirst.winner === 'A' ? 'b' : bFirst.winner === 'B' ? 'a' : 'tie';
  if (one === two) return { outcome: one, disagreed: false, firstWon };
  return { outcome: 'tie', disagreed: one !== 'tie' && two !== 'tie', firstWon };
}

function decisive(p: Preference): boolean | null {
  return p.ok && p.winner !== 'tie' ? p.winner === 'A' : null;
}
