import { describe, expect, it } from 'vitest';
import { createRateGate } from '../../src/run/limits/rate-gate.ts';
import { createTokenBucket } from '../../src/run/limits/token-bucket.ts';
import { countTextTokens, estimateRequestTokens } from '../../src/run/limits/estimate-tokens.ts';
import { fakeClock } from './limits-fake-clock.ts';

describe('createTokenBucket', () => {
  it('refills continuously up to its capacity, and a taker may run it into debt', () => {
    let t = 0;
    const bucket = createTokenBucket({ capacity: 100, perMinute: 6000, now: () => t }); // 0.1 token/ms
    expect(bucket.waitMs(100)).toBe(0);
    bucket.take(100);
    expect(bucket.waitMs(50)).toBe(500);
    t = 500;
    expect(bucket.waitMs(50)).toBe(0);
    t = 10_000;
    expect(bucket.level()).toBe(100); // capped
    bucket.take(250); // larger than the bucket: goes when full, leaves a debt
    expect(bucket.level()).toBe(-150);
    expect(bucket.waitMs(10)).toBe(1600);
  });

  it('takes refunds and extra charges, never above capacity', () => {
    const bucket = createTokenBucket({ capacity: 100, perMinute: 60, now: () => 0 });
    bucket.take(80);
    bucket.give(50);
    expect(bucket.level()).toBe(70);
    bucket.give(500);
    expect(bucket.level()).toBe(100);
    bucket.give(-30);
    expect(bucket.level()).toBe(70);
  });
});

describe('createRateGate', () => {
  it('is absent when neither rpm nor tpm is set (no timer, no estimate on the hot path)', () => {
    expect(createRateGate({}, fakeClock())).toBeUndefined();
    expect(createRateGate({ rpm: undefined, tpm: undefined }, fakeClock())).toBeUndefined();
  });

  it.each([
    { rpm: 60, expected: [0, 1000, 2000, 3000, 4000] },
    { rpm: 120, expected: [0, 500, 1000, 1500, 2000] },
    { rpm: 6000, expected: [0, 10, 20, 30, 40] },
  ])('rpm $rpm spaces attempts evenly, with no burst at the start', async ({ rpm, expected }) => {
    const clock = fakeClock();
    const gate = createRateGate({ rpm }, clock)!;
    const started: number[] = [];
    for (let i = 0; i < 5; i++) void Promise.resolve(gate.acquire(0)).then(() => started.push(clock.now()));
    await clock.advance(10_000);
    expect(started).toEqual(expected);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('tpm holds a call until the minute budget holds its estimate, first come first served', async () => {
    const clock = fakeClock();
    const gate = createRateGate({ tpm: 600 }, clock)!; // 10 tokens a second, a bucket of 600
    const started: Record<string, number> = {};
    const go = (name: string, tokens: number) => void Promise.resolve(gate.acquire(tokens)).then(() => (started[name] = clock.now()));
    go('a', 500);
    go('b', 400); // 100 left: needs 300 more = 30 s
    go('c', 10); // behind b, even though it would fit earlier
    await clock.advance(60_000);
    expect(started).toEqual({ a: 0, b: 30_000, c: 31_000 });
  });

  it('a call that used fewer tokens than reserved gives them back at once, releasing the line', async () => {
    const clock = fakeClock();
    const gate = createRateGate({ tpm: 600 }, clock)!;
    const started: number[] = [];
    expect(gate.acquire(500)).toBeUndefined();
    void Promise.resolve(gate.acquire(400)).then(() => started.push(clock.now()));
    await clock.advance(5_000); // 150 tokens now
    expect(started).toEqual([]);
    gate.settle(500, 100); // the first call used only 100: 400 back
    await clock.flush();
    expect(started).toEqual([5_000]);
  });

  it('a call that used more than reserved pushes the next one back', async () => {
    const clock = fakeClock();
    const gate = createRateGate({ tpm: 600 }, clock)!;
    expect(gate.acquire(100)).toBeUndefined();
    gate.settle(100, 600); // 500 more: the bucket is at 0
    const started: number[] = [];
    void Promise.resolve(gate.acquire(100)).then(() => started.push(clock.now()));
    await clock.advance(60_000);
    expect(started).toEqual([10_000]);
  });

  it('rpm and tpm together: a call waits for the later of the two', async () => {
    const clock = fakeClock();
    const gate = createRateGate({ rpm: 60, tpm: 600 }, clock)!;
    const started: number[] = [];
    for (const tokens of [590, 5, 100]) void Promise.resolve(gate.acquire(tokens)).then(() => started.push(clock.now()));
    await clock.advance(60_000);
    // 2nd: rpm says 1 s, tpm has 10 + 10 by then → 1 s; 3rd: rpm says 2 s, tpm needs 100 (has 15 at 1 s → 8.5 s later).
    expect(started).toEqual([0, 1000, 9500]);
  });

  it('on abort rejects every waiter and every later acquire, and drops its timer', async () => {
    const clock = fakeClock();
    const stop = new AbortController();
    const gate = createRateGate({ rpm: 60 }, clock, stop.signal)!;
    expect(gate.acquire(0)).toBeUndefined();
    const waiting = [gate.acquire(0), gate.acquire(0)];
    stop.abort();
    for (const w of waiting) await expect(w).rejects.toMatchObject({ name: 'ProviderError', retryable: false });
    await expect(gate.acquire(0)).rejects.toMatchObject({ retryable: false });
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('estimateRequestTokens', () => {
  it.each([
    { text: '', tokens: 0 },
    { text: 'abcd', tokens: 1 },
    { text: 'write a report', tokens: 4 },
    { text: '보고서 쓰기', tokens: 6 }, // five syllables, one space
    { text: '여행 준비 (3 days)', tokens: 4 + 3 }, // four syllables, ten ASCII characters
  ])('counts "$text" as $tokens tokens', ({ text, tokens }) => {
    expect(countTextTokens(text)).toBe(tokens);
  });

  it('adds the reply cap, the default cap when none is set, and per-message framing', () => {
    const request = { model: 'm', system: 'abcd', messages: [{ role: 'user' as const, content: '보고서' }], params: { maxTokens: 300 } };
    expect(estimateRequestTokens(request)).toBe(1 + 4 + 3 + 4 + 300);
    expect(estimateRequestTokens({ ...request, params: {} })).toBe(1 + 4 + 3 + 4 + 1024);
  });
});
