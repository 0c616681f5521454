import { describe, expect, it } from 'vitest';
import { createAimd, type Aimd, type AttemptOutcome } from '../../src/run/limits/aimd.ts';

/** Starts `n` attempts in the current epoch and ends them with `outcomes` in order; returns the limits seen after each. */
function wave(aimd: Aimd, outcomes: AttemptOutcome[]): number[] {
  const epochs = outcomes.map(() => aimd.begin());
  return outcomes.map((o, i) => {
    aimd.end(epochs[i]!, o);
    return aimd.limit;
  });
}

const times = (n: number, o: AttemptOutcome): AttemptOutcome[] => Array.from({ length: n }, () => o);

describe('createAimd', () => {
  it('starts at the configured limit', () => {
    expect(createAimd({ max: 8 }).limit).toBe(8);
  });

  it('halves on a burst of throttled replies, once for the whole wave', () => {
    const aimd = createAimd({ max: 8 });
    // Eight calls in flight all come back 429: the second makes it a burst; the other six are the same wave.
    expect(wave(aimd, times(8, 'throttled'))).toEqual([8, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('halves again when calls sent after the decrease are throttled too, down to 1 and no lower', () => {
    const aimd = createAimd({ max: 8 });
    wave(aimd, times(8, 'throttled'));
    expect(wave(aimd, times(4, 'throttled'))).toEqual([4, 2, 2, 2]);
    expect(wave(aimd, times(2, 'throttled'))).toEqual([2, 1]);
    expect(wave(aimd, times(3, 'throttled'))).toEqual([1, 1, 1]);
  });

  it('reports the new limit when it moves, and nothing otherwise', () => {
    const aimd = createAimd({ max: 4 });
    const e = aimd.begin();
    expect(aimd.end(e, 'throttled')).toBeUndefined();
    expect(aimd.end(e, 'throttled')).toBe(2);
    expect(aimd.end(e, 'throttled')).toBeUndefined();
  });

  it.each([
    { max: 8, outcomes: [...times(1, 'throttled'), ...times(7, 'ok')], limit: 8, why: 'a stray 429 is the retry’s business' },
    { max: 40, outcomes: [...times(9, 'throttled'), ...times(31, 'ok')], limit: 40, why: '9 of 40 is under a quarter' },
    { max: 40, outcomes: [...times(10, 'throttled'), ...times(30, 'ok')], limit: 20, why: '10 of 40 is a burst' },
    { max: 8, outcomes: times(8, 'failed'), limit: 8, why: 'a 500 says nothing about load' },
  ])('$why: max $max → $limit', ({ max, outcomes, limit }) => {
    const aimd = createAimd({ max });
    wave(aimd, outcomes);
    expect(aimd.limit).toBe(limit);
  });

  it('counts throttled replies per round, so 429s scattered over a long run never add up to a burst', () => {
    const aimd = createAimd({ max: 8 });
    // One 429 in each round of eight replies, for many rounds.
    for (let round = 0; round < 50; round++) wave(aimd, [...times(7, 'ok'), 'throttled']);
    expect(aimd.limit).toBe(8);
  });

  it('recovers one slot per full round of successes, up to the configured limit', () => {
    const aimd = createAimd({ max: 8 });
    wave(aimd, times(8, 'throttled')); // 4
    wave(aimd, times(4, 'throttled')); // 2
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) seen.push(...wave(aimd, ['ok']));
    // 2 successes → 3, 3 more → 4, … 7 more → 8, then capped.
    expect(seen.slice(0, 2)).toEqual([2, 3]);
    expect(seen.indexOf(4)).toBe(4);
    expect(seen.indexOf(8)).toBe(2 + 3 + 4 + 5 + 6 + 7 - 1);
    expect(seen.at(-1)).toBe(8);
    expect(Math.max(...seen)).toBe(8);
  });

  it('ignores replies to attempts sent before the last decrease, successes included', () => {
    const aimd = createAimd({ max: 4 });
    const old = aimd.begin();
    const e = aimd.begin();
    aimd.end(e, 'throttled');
    aimd.end(e, 'throttled'); // → 2
    expect(aimd.end(old, 'ok')).toBeUndefined();
    expect(aimd.end(old, 'ok')).toBeUndefined();
    expect(aimd.limit).toBe(2);
  });
});
