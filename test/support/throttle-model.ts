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
  /**
   * Instead of `noise`: the refusals each call of a finite run meets in a row before it succeeds,
   * in the order the calls are sent (e.g. read back from a real run), so the model replays the
   * same faults. Sets `calls` to its length.
   */
  chains?: readonly number[];
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
export function modelThrottling({ max, capacity = () => Infinity, noise = 0, latencyMs = 200, chains, calls = chains?.length, restMs = 1000, untilMs }: ThrottleModel) {
  const limiter = createAdaptiveConcurrency({ max });
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const left = chains ? [...chains] : [];
  const refused = (call: number): boolean => {
    if (!chains) return random() < noise;
    if (left[call] === 0) return false;
    left[call]!--;
    return true;
  };
  let sent = 0;
  const total = calls ?? Infinity;
  // Calls due again (their rest is over) and resting, by index in the order first sent.
  const due: number[] = [];
  const resting: { until: number; call: number }[] = [];
  const out: { attempt: Attempt; endsAt: number; ok: boolean; call: number }[] = [];
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
      else if (calls !== undefined) resting.push({ until: t + restMs, call: a.call });
    }
    while (resting.length > 0 && resting[0]!.until <= t) due.push(resting.shift()!.call);
    while (out.length < limiter.limit && (due.length > 0 || sent < total)) {
      const call = due.shift() ?? sent++;
      const ok = out.filter((a) => a.ok).length < capacity(t) && !refused(call);
      if (!ok) refusedAt.push(t);
      out.push({ attempt: limiter.begin(t), endsAt: t + (ok ? latencyMs : 1), ok, call });
    }
    limits.push(limiter.limit);
  }
  // The last step is the one the last call ended in: the run took that long.
  return { ms: successes === calls ? limits.length - 1 : limits.length, limits, successes, refusedAt };
}
