import { createAdaptiveConcurrency, type Attempt } from '../../src/run/limits/adaptive-concurrency.ts';

export interface ThrottleModel {
  /** The target's configured concurrency. */
  max: number;
  /** The server works on this many at once (at time `t`) and refuses the rest at once. @default no limit */
  capacity?: (t: number) => number;
  /** Share of requests refused at random, whatever the load. @default 0 */
  noise?: number;
  /** @default 200 */
  latencyMs?: number;
  /** A finite run of this many calls, each refused call resting `restMs` and then going first; else an endless supply. */
  calls?: number;
  /** @default 1000 (Retry-After: 1) */
  restMs?: number;
  /** Stop here if the calls are not all done. */
  untilMs: number;
}

/**
 * A millisecond-step model of one target's adaptive concurrency against a server, without the
 * SDK, the network or CPU: every free slot sends at once, a refusal comes back in 1 ms (as real
 * 429s do), a success after the latency. Deterministic (a fixed seed). Shared by the tests of the
 * algorithm and `bench/model-throttling.ts`.
 */
export function modelThrottling({ max, capacity = () => Infinity, noise = 0, latencyMs = 200, calls, restMs = 1000, untilMs }: ThrottleModel) {
  const limiter = createAdaptiveConcurrency({ max });
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let fresh = calls ?? Infinity;
  const due: number[] = [];
  const resting: number[] = [];
  const out: { attempt: Attempt; endsAt: number; ok: boolean }[] = [];
  const limits: number[] = [];
  const refusedAt: number[] = [];
  let successes = 0;
  for (let t = 0; t < untilMs && successes !== calls; t++) {
    for (let i = out.length - 1; i >= 0; i--) {
      const a = out[i]!;
      if (a.endsAt > t) continue;
      out.splice(i, 1);
      limiter.end(a.attempt, { outcome: a.ok ? 'ok' : 'throttled' });
      if (a.ok) successes++;
      else if (calls !== undefined) resting.push(t + restMs);
    }
    while (resting.length > 0 && resting[0]! <= t) due.push(resting.shift()!);
    while (out.length < limiter.limit && (due.length > 0 || fresh > 0)) {
      if (due.length > 0) due.shift();
      else fresh--;
      const ok = out.filter((a) => a.ok).length < capacity(t) && random() >= noise;
      if (!ok) refusedAt.push(t);
      out.push({ attempt: limiter.begin(t), endsAt: t + (ok ? latencyMs : 1), ok });
    }
    limits.push(limiter.limit);
  }
  return { ms: limits.length, limits, successes, refusedAt };
}
