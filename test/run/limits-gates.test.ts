import { describe, expect, it } from 'vitest';
import { createAdaptiveConcurrency } from '../../src/run/limits/adaptive-concurrency.ts';
import { Fifo } from '../../src/run/limits/fifo.ts';
import { limitProvider } from '../../src/run/limits/limit-provider.ts';
import { createRateGate } from '../../src/run/limits/rate-gate.ts';
import { createSlotGate } from '../../src/run/limits/slot-gate.ts';
import type { Completion, CompletionRequest, Provider } from '../../src/run/providers/provider.ts';
import { ProviderError } from '../../src/run/providers/provider-error.ts';
import { fakeClock } from './limits-fake-clock.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('Fifo', () => {
  it('keeps order and size across the compaction of its dead front', () => {
    const q = new Fifo<number>();
    for (let i = 0; i < 200; i++) q.push(i);
    const out: number[] = [];
    for (let i = 0; i < 150; i++) out.push(q.shift()!);
    for (let i = 200; i < 210; i++) q.push(i);
    expect(out).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect([q.size, q.peek()]).toEqual([60, 150]);
    expect(q.drain()).toEqual(Array.from({ length: 60 }, (_, i) => 150 + i));
    expect([q.size, q.shift(), q.peek()]).toEqual([0, undefined, undefined]);
  });
});

describe('createSlotGate', () => {
  it('grants a free slot synchronously and queues the rest first come, first served', async () => {
    const gate = createSlotGate(() => 2);
    expect(gate.acquire()).toBeUndefined();
    expect(gate.acquire()).toBeUndefined();
    const order: string[] = [];
    void gate.acquire()!.then(() => order.push('c'));
    void gate.acquire()!.then(() => order.push('d'));
    expect(gate.waiting).toBe(2);
    gate.release();
    await tick();
    expect(order).toEqual(['c']);
    gate.release();
    await tick();
    expect(order).toEqual(['c', 'd']);
    expect(gate.active).toBe(2);
  });

  it('lets a waiting retry go before waiting first attempts, each kind in its order', async () => {
    const gate = createSlotGate(() => 1);
    expect(gate.acquire()).toBeUndefined();
    const order: string[] = [];
    for (const [name, retry] of [['first-1', false], ['retry-1', true], ['first-2', false], ['retry-2', true]] as const) {
      void gate.acquire(retry)!.then(() => {
        order.push(name);
        gate.release();
      });
    }
    gate.release();
    await tick();
    expect(order).toEqual(['retry-1', 'retry-2', 'first-1', 'first-2']);
  });

  it('follows a limit that moves: lower holds new calls until enough end, higher lets waiters in', async () => {
    let limit = 4;
    const gate = createSlotGate(() => limit);
    for (let i = 0; i < 4; i++) gate.acquire();
    limit = 2;
    let granted = 0;
    for (let i = 0; i < 3; i++) void gate.acquire()!.then(() => granted++);
    gate.release();
    gate.release();
    await tick();
    expect(granted).toBe(0); // 2 active, limit 2
    limit = 4;
    gate.release(); // 1 active → serves up to 4
    await tick();
    expect(granted).toBe(3);
  });

  it('on abort rejects waiters and later acquires with a non-retryable error', async () => {
    const stop = new AbortController();
    const gate = createSlotGate(() => 1, stop.signal);
    gate.acquire();
    const waiting = gate.acquire();
    stop.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'ProviderError', retryable: false });
    await expect(gate.acquire()).rejects.toBeInstanceOf(ProviderError);
  });
});

/** A provider whose calls end only when the test says so. */
function manual(): Provider & { calls: CompletionRequest[]; finish(i: number, outcome: Completion | Error): void } {
  const pending: ((o: Completion | Error) => void)[] = [];
  const p = {
    simulated: false,
    calls: [] as CompletionRequest[],
    complete(req: CompletionRequest): Promise<Completion> {
      p.calls.push(req);
      return new Promise((resolve, reject) => pending.push((o) => (o instanceof Error ? reject(o) : resolve(o))));
    },
    finish(i: number, outcome: Completion | Error) {
      pending[i]?.(outcome);
    },
  };
  return p;
}

const request: CompletionRequest = { model: 'm', system: '', messages: [{ role: 'user', content: 'abcd' }], params: { maxTokens: 10 } };
const ok = (input: number, output: number): Completion => ({ text: 'x', usage: { inputTokens: input, outputTokens: output } });
const throttled = () => new ProviderError('HTTP 429', { status: 429, retryable: true });

describe('limitProvider', () => {
  it('a target waiting for its rate limit holds no global slot: another target gets it', async () => {
    const clock = fakeClock();
    const global = createSlotGate(() => 1);
    const slow = manual();
    const fast = manual();
    const aimdA = createAdaptiveConcurrency({ max: 2 });
    const a = limitProvider(slow, { slots: createSlotGate(() => aimdA.limit), concurrency: aimdA, pacer: undefined, rate: createRateGate({ rpm: 60 }, clock), global, now: clock.now });
    const aimdB = createAdaptiveConcurrency({ max: 2 });
    const b = limitProvider(fast, { slots: createSlotGate(() => aimdB.limit), concurrency: aimdB, pacer: undefined, rate: undefined, global, now: clock.now });

    const a1 = a.complete(request);
    await tick();
    slow.finish(0, ok(1, 1));
    await a1;
    void a.complete(request); // waits 1 s for its rpm, not for the global slot
    await tick();
    const b1 = b.complete(request);
    await tick();
    expect(fast.calls).toHaveLength(1);
    fast.finish(0, ok(1, 1));
    await b1;
    expect(slow.calls).toHaveLength(1);
    await clock.advance(1000);
    expect(slow.calls).toHaveLength(2);
  });

  it('measures latency from when the request goes out, not from the wait in the queue', async () => {
    const clock = fakeClock();
    const p = manual();
    const aimd = createAdaptiveConcurrency({ max: 2 });
    const limited = limitProvider(p, { slots: createSlotGate(() => aimd.limit), concurrency: aimd, pacer: undefined, rate: createRateGate({ rpm: 60 }, clock), global: createSlotGate(() => 2), now: clock.now });
    const first = limited.complete(request);
    await tick();
    p.finish(0, ok(1, 1));
    await first;
    const second = limited.complete(request); // its turn comes 1 s later
    await clock.advance(1000);
    expect(p.calls).toHaveLength(2);
    await clock.advance(250);
    p.finish(1, ok(1, 1));
    expect((await second).latencyMs).toBe(250);
  });

  it('reconciles the tpm reservation with the real usage', async () => {
    const clock = fakeClock();
    const p = manual();
    const aimd = createAdaptiveConcurrency({ max: 4 });
    const limited = limitProvider(p, { slots: createSlotGate(() => aimd.limit), concurrency: aimd, pacer: undefined, rate: createRateGate({ tpm: 30 }, clock), global: createSlotGate(() => 4), now: clock.now });
    // Estimate: 1 (text) + 4 (system framing) + 4 (message framing) + 10 (maxTokens) = 19 of 30.
    const first = limited.complete(request);
    await tick();
    void limited.complete(request); // 11 left: waits
    await tick();
    expect(p.calls).toHaveLength(1);
    p.finish(0, ok(2, 1)); // used 3: 16 back, 27 in the bucket
    await first;
    await clock.flush();
    expect(p.calls).toHaveLength(2);
  });

  it('feeds throttled replies (429, 529) to the adaptive limit, and other failures not', async () => {
    const p = manual();
    const aimd = createAdaptiveConcurrency({ max: 4 });
    const moves: number[] = [];
    const statuses: number[] = [];
    const limited = limitProvider(p, {
      now: () => 0,
      slots: createSlotGate(() => aimd.limit),
      concurrency: aimd,
      pacer: undefined,
      rate: undefined,
      global: createSlotGate(() => 8),
      onThrottled: (s) => statuses.push(s),
      onLimit: (l) => moves.push(l),
    });
    const calls = Array.from({ length: 4 }, () => limited.complete(request).catch((e: unknown) => e));
    await tick();
    p.finish(0, Object.assign(new Error('HTTP 500'), { status: 500 }));
    p.finish(1, throttled());
    p.finish(2, Object.assign(new Error('overloaded'), { status: 529 }));
    p.finish(3, throttled());
    const outcomes = await Promise.all(calls);
    expect(outcomes.map((e) => (e as { status: number }).status)).toEqual([500, 429, 529, 429]);
    expect(statuses).toEqual([429, 529, 429]);
    expect(moves).toEqual([2]);
    expect(aimd.limit).toBe(2);
  });

  it('keeps the target within its adaptive limit, retries included', async () => {
    const p = manual();
    const aimd = createAdaptiveConcurrency({ max: 2 });
    const limited = limitProvider(p, { slots: createSlotGate(() => aimd.limit), concurrency: aimd, pacer: undefined, rate: undefined, global: createSlotGate(() => 8), now: () => 0 });
    const calls = Array.from({ length: 3 }, () => limited.complete(request).catch((e: unknown) => e));
    await tick();
    expect(p.calls).toHaveLength(2);
    p.finish(0, throttled());
    p.finish(1, throttled()); // a burst at limit 2 → 1
    await tick();
    expect(aimd.limit).toBe(1);
    expect(p.calls).toHaveLength(3);
    void limited.complete(request); // a retry: waits for the one slot
    await tick();
    expect(p.calls).toHaveLength(3);
    p.finish(2, ok(1, 1));
    await Promise.all(calls);
    await tick();
    expect(p.calls).toHaveLength(4);
  });
});
