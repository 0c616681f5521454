import type { PairOutcome } from '../../judge/index.ts';
import type { Usage } from '../../results/index.ts';

/** What the judge said in one order: a winner by position, or why the reply could not be used. */
export type OrderVerdict = { winner: 'A' | 'B' | 'tie'; reason: string } | { error: string };

/**
 * One line of pairwise.jsonl: variant a's and b's replies to one case (one repeat), judged in
 * both orders. `orders[0]` showed a's reply first, `orders[1]` b's. `unjudged` when either side
 * had no reply to show.
 */
export interface PairRecord {
  a: string;
  b: string;
  target: string;
  caseId: string;
  repeat: number;
  outcome: PairOutcome | 'unjudged';
  orders: [OrderVerdict, OrderVerdict] | null;
  /** Per order: did the reply shown first win (null: a tie or an error). */
  firstWon: [boolean | null, boolean | null] | null;
  /** Both orders named a winner, not the same one: a tie here, and evidence of position bias. */
  disagreed: boolean;
  /** Why it was not judged, or why the judge's answer was unusable. */
  note?: string;
  usage: Usage;
  cached: boolean;
  simulated: boolean;
}
