import { describe, expect, it } from 'vitest';
import { createAdaptiveConcurrency, type AdaptiveConcurrency, type AttemptOutcome } from '../../src/run/limits/adaptive-concurrency.ts';
import { modelThrottling } from '../support/throttle-model.ts';

/** Starts `n` attempts in the current epoch and ends them with `outcomes` in order (1 ms apart); returns the limits seen after each. */
function wave(c: AdaptiveConcurrency, outcomes: AttemptOutcome[], opts: { limitReached?: boolean } = {}): number[] {
  const attempts = outcomes.map(() => c.begin(0));
  return outcomes.map((outcome, i) => {
    c.end(attempts[i]!, { outcome, ...opts });
    return c.limit;
  });
}
const times = (n: number, o: AttemptOutcome): AttemptOutcome[] => Array.from({ length: n }, () => o);

/** An endless supply of calls for `seconds` against a server (see modelThrottling). */
function simulate({ seconds, ...model }: { max: number; seconds: number; capacity?: (t: number) => number; noise?: number }) {
  const run = modelThrottling({ ...model, untilMs: seconds * 1000 });
  return { ...run, throttles: run.refusedAt.length, throttlesAt: run.refusedAt };
}

describe('createAdaptiveConcurrency', () => {
  it('starts at the configured limit', () => {
    expect(createAdaptiveConcurrency({ max: 8 }).limit).toBe(8);
  });

  it('never lowers the limit for throttling that does not track load (20% of replies at random)', () => {
    const run = simulate({ max: 50, seconds: 10, noise: 0.2 });
    expect(run.throttles).toBeGreaterThan(500);
    expect(Math.min(...run.limits)).toBe(50);
  });

  it('settles at a server’s capacity (20 at once) within a second and probes above it rarely', () => {
    const run = simulate({ max: 50, seconds: 10, capacity: () => 20 });
    const settled = run.limits.slice(1000);
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(12);
    expect(settled.filter((l) => l === 20).length / settled.length).toBeGreaterThan(0.9);
    // 20 × 10 s ÷ 0.2 s = 1,000 calls at best: the server is kept busy.
    expect(run.successes).toBeGreaterThan(930);
    // Probes above the capacity back off: few refusals in the last half.
    expect(run.throttlesAt.filter((t) => t >= 5000).length).toBeLessThan(20);
  });

  it('recovers the full limit within a few rounds once the server takes more again', () => {
    const run = simulate({ max: 50, seconds: 12, capacity: (t) => (t < 3000 ? 5 : Infinity) });
    expect(run.limits[2999]).toBeLessThanOrEqual(6);
    // Patience before probing (up to 16 rounds of 0.2 s) and then a doubling climb: back within 5 s.
    const back = run.limits.indexOf(50, 3000);
    expect(back).toBeGreaterThan(3000);
    expect(back).toBeLessThan(8000);
  });

  it('halves on a burst while no success has shown what the server serves, once for the whole wave', () => {
    const c = createAdaptiveConcurrency({ max: 8 });
    // Eight calls in flight all come back 429: the fourth makes it a burst (half the round); the rest are the same wave.
    expect(wave(c, times(8, 'throttled'))).toEqual([8, 8, 8, 4, 4, 4, 4, 4]);
  });

  it('drops to the calls the server is serving: those out longer than a refusal takes', () => {
    const c = createAdaptiveConcurrency({ max: 20 });
    // Six calls out since t=0 (being served), then twenty sent at t=100 and refused 2 ms later.
    for (let i = 0; i < 6; i++) c.begin(0);
    const refused = Array.from({ length: 20 }, () => c.begin(100));
    const moves = refused.map((a) => c.end(a, { outcome: 'throttled' }));
    expect(moves.filter((m) => m !== undefined)).toEqual([6]);
    expect(c.limit).toBe(6);
  });

  it('counts from the last-sent refusal of the round, so a refusal coming back late does not undercount', () => {
    const c = createAdaptiveConcurrency({ max: 30 });
    const early = c.begin(0); // refused, but its reply is the last to come back
    for (let i = 0; i < 10; i++) c.begin(10 + i); // being served
    const later = Array.from({ length: 14 }, (_, i) => c.begin(20 + i));
    for (const a of later) expect(c.end(a, { outcome: 'throttled' })).toBeUndefined();
    // The fifteenth refusal makes half a round: the ten sent before the last refused call are being served.
    expect(c.end(early, { outcome: 'throttled' })).toBe(10);
  });

  it('lowers on one throttled reply whose rate-limit headers say the budget is used up', () => {
    const c = createAdaptiveConcurrency({ max: 8 });
    expect(wave(c, ['throttled'], { limitReached: true })).toEqual([4]);
  });

  it.each([
    { max: 8, outcomes: [...times(1, 'throttled'), ...times(7, 'ok')], limit: 8, why: 'a stray 429 is the retry’s business' },
    { max: 40, outcomes: [...times(19, 'throttled'), ...times(21, 'ok')], limit: 40, why: '19 of 40 is under half' },
    { max: 40, outcomes: [...times(20, 'throttled'), ...times(20, 'ok')], limit: 20, why: '20 of 40 is a burst' },
    { max: 8, outcomes: times(8, 'failed'), limit: 8, why: 'a 500 says nothing about load' },
  ])('$why: max $max → $limit', ({ max, outcomes, limit }) => {
    const c = createAdaptiveConcurrency({ max });
    wave(c, outcomes);
    expect(c.limit).toBe(limit);
  });

  it('ignores replies to attempts sent before the last decrease, successes included', () => {
    const c = createAdaptiveConcurrency({ max: 4 });
    const old = c.begin(0);
    const wave1 = [c.begin(0), c.begin(0), c.begin(0)];
    for (const a of wave1) c.end(a, { outcome: 'throttled' }); // → 2
    expect(c.end(old, { outcome: 'ok' })).toBeUndefined();
    expect(c.limit).toBe(2);
    const stale = c.begin(0);
    expect(c.end(stale, { outcome: 'throttled' })).toBeUndefined();
  });

  it('climbs back 1, 2, 4 … per clean round, up to just under the level that was throttled', () => {
    const c = createAdaptiveConcurrency({ max: 64 });
    wave(c, times(64, 'throttled')); // → 32, throttled at 64
    wave(c, times(32, 'throttled')); // → 16, throttled at 32
    const seen: number[] = [];
    for (let round = 0; round < 6; round++) seen.push(wave(c, times(c.limit, 'ok')).at(-1)!);
    expect(seen).toEqual([17, 19, 23, 31, 31, 32]);
  });
});


describe('modelThrottling replaying given 429 chains (the benchmark’s zero-overhead bound)', () => {
  const run = (chains: number[]) => modelThrottling({ max: 50, chains, latencyMs: 200, restMs: 1000, untilMs: 60_000 });

  it('takes calls × latency ÷ concurrency when no call is refused', () => {
    const model = run(Array.from({ length: 1000 }, () => 0));
    expect(model.successes).toBe(1000);
    expect(model.ms).toBe(4000);
    expect(model.refusedAt).toHaveLength(0);
  });

  it('adds one Retry-After (and the refusal’s 1 ms) per refusal of the last call to go out', () => {
    const chains = Array.from({ length: 1000 }, () => 0);
    chains[999] = 5;
    const model = run(chains);
    expect(model.refusedAt).toHaveLength(5);
    // The last call goes out at 3.8 s; five refusals of 1 ms, each followed by 1 s of rest, then 200 ms.
    expect(model.ms).toBe(3800 + 5 * 1001 + 200);
  });

  it('hides a refused call’s rest behind the other calls when it comes early in the plan', () => {
    const chains = Array.from({ length: 1000 }, () => 0);
    chains[0] = 2;
    const model = run(chains);
    expect(model.refusedAt).toHaveLength(2);
    expect(model.ms).toBeLessThanOrEqual(4200);
  });
});
