import { describe, expect, it } from 'vitest';
import { summarizePairwise } from '../../src/aggregate/summarize-pairwise.ts';
import { combineOrders, type Preference } from '../../src/judge/index.ts';
import type { PairRecord } from '../../src/run/pairwise/pair-record.ts';

const pick = (winner: 'A' | 'B' | 'tie'): Preference => ({ ok: true, winner, reason: 'r' });
const broken: Preference = { ok: false, error: 'bad' };

describe('combineOrders (order 1 shows a first, order 2 shows b first)', () => {
  it.each([
    { one: pick('A'), two: pick('B'), outcome: 'a', disagreed: false, firstWon: [true, false] },
    { one: pick('B'), two: pick('A'), outcome: 'b', disagreed: false, firstWon: [false, true] },
    { one: pick('A'), two: pick('A'), outcome: 'tie', disagreed: true, firstWon: [true, true] },
    { one: pick('B'), two: pick('B'), outcome: 'tie', disagreed: true, firstWon: [false, false] },
    { one: pick('A'), two: pick('tie'), outcome: 'tie', disagreed: false, firstWon: [true, null] },
    { one: pick('tie'), two: pick('tie'), outcome: 'tie', disagreed: false, firstWon: [null, null] },
    { one: broken, two: pick('B'), outcome: 'error', disagreed: false, firstWon: [null, false] },
  ] as const)('$one.winner then $two.winner → $outcome', ({ one, two, outcome, disagreed, firstWon }) => {
    expect(combineOrders(one, two)).toMatchObject({ outcome, disagreed, firstWon });
  });
});

function record(caseId: string, outcome: PairRecord['outcome'], firstWon: [boolean | null, boolean | null] | null, repeat = 0): PairRecord {
  return { a: 'x', b: 'y', target: 't', caseId, repeat, outcome, orders: null, firstWon, disagreed: firstWon !== null && firstWon[0] === firstWon[1] && firstWon[0] !== null, usage: { inputTokens: 0, outputTokens: 0 }, cached: false, simulated: false };
}

describe('summarizePairwise', () => {
  it('counts by case (repeats vote), with the sign test and Wilson interval over decisive cases', () => {
    const records = [
      // c1: a wins both repeats; c2: a, b, a → a; c3: a then b → tie; c4: b; c5 unjudged; c6 error.
      record('c1', 'a', [true, false]),
      record('c1', 'a', [false, true], 1),
      record('c2', 'a', [true, false]),
      record('c2', 'b', [false, true], 1),
      record('c2', 'a', [true, false], 2),
      record('c3', 'a', [true, false]),
      record('c3', 'b', [true, false], 1),
      record('c4', 'b', [false, true]),
      record('c5', 'unjudged', null),
      record('c6', 'error', [null, null]),
    ];
    const s = summarizePairwise('x', 'y', 't', records);
    expect(s).toMatchObject({ n: 4, wins: 2, ties: 1, losses: 1, winRate: 2 / 3, unjudged: 1, errors: 1, orderDisagreements: 0 });
    // Sign test over 3 decisive cases, 2 vs 1: 2 × P(X ≤ 1), X ~ Bin(3, ½) = 2 × 4/8, capped at 1.
    expect(s.signTestP).toBe(1);
    // 16 decisive orders, the first position won 8.
    expect(s.positionBias).toMatchObject({ firstWins: 8, decisive: 16, rate: 0.5, pValue: 1, biased: false });
  });

  it('reports a judge that always picks the first position as biased, its pairs as ties', () => {
    const records = Array.from({ length: 5 }, (_, i) => record(`c${i}`, 'tie', [true, true]));
    const s = summarizePairwise('x', 'y', 't', records);
    expect(s).toMatchObject({ wins: 0, ties: 5, losses: 0, winRate: null, winRateCi95: null, orderDisagreements: 5 });
    expect(s.positionBias).toMatchObject({ firstWins: 10, decisive: 10, rate: 1, biased: true });
    expect(s.positionBias.pValue).toBeCloseTo(2 / 1024, 15);
  });
});
