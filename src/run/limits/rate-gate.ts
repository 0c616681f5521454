import type { LimitClock } from './clock.ts';
import { Fifo } from './fifo.ts';
import type { HeaderPacer } from './header-pacer.ts';
import { waitAborted } from './slot-gate.ts';
import { createTokenBucket } from './token-bucket.ts';

/** Requests and tokens per minute for one target; both optional, and no gate at all when neither is set. */
export interface RateLimits {
  rpm?: number | undefined;
  tpm?: number | undefined;
}

/**
 * Holds each attempt until the target's request and token budgets allow it — its own rpm/tpm and
 * what the provider's rate-limit headers said — first come first served, with one timer for the
 * whole line (not one per call).
 */
export interface RateGate {
  /** Reserves one request and `tokens`; `undefined` when they were there (no wait). */
  acquire(tokens: number): Promise<void> | undefined;
  /** After the attempt: the real token count replaces the reserved estimate. */
  settle(reserved: number, used: number): void;
  /** The budgets moved outside the gate (new rate-limit headers): looks at the head of the line again. */
  recheck(): void;
}

interface Waiter {
  tokens: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * rpm: a bucket of one request, so calls are spaced 60/rpm seconds apart — providers enforce a
 * per-minute limit over shorter periods too, and a burst at the start would meet 429s.
 * tpm: a bucket of a minute's tokens refilled continuously (the model Anthropic documents), so a
 * reservation well above the real usage (maxTokens) does not starve the calls behind it.
 */
export function createRateGate(limits: RateLimits, clock: LimitClock, signal?: AbortSignal, pacer?: HeaderPacer): RateGate | undefined {
  const { rpm, tpm } = limits;
  if (rpm === undefined && tpm === undefined && pacer === undefined) return undefined;
  const requests = rpm === undefined ? undefined : createTokenBucket({ capacity: 1, perMinute: rpm, now: clock.now });
  const budget = tpm === undefined ? undefined : createTokenBucket({ capacity: tpm, perMinute: tpm, now: clock.now });
  const queue = new Fifo<Waiter>();
  let cancelTimer: (() => void) | undefined;

  const waitFor = (tokens: number) => Math.max(requests?.waitMs(1) ?? 0, budget?.waitMs(tokens) ?? 0, pacer?.waitMs(tokens) ?? 0);
  const take = (tokens: number) => {
    requests?.take(1);
    budget?.take(tokens);
    pacer?.take(tokens);
  };
  const serve = () => {
    cancelTimer?.();
    cancelTimer = undefined;
    for (let head = queue.peek(); head !== undefined; head = queue.peek()) {
      const wait = waitFor(head.tokens);
      if (wait > 0) {
        cancelTimer = clock.setTimer(wait, serve);
        return;
      }
      queue.shift();
      take(head.tokens);
      head.resolve();
    }
  };
  signal?.addEventListener('abort', () => {
    cancelTimer?.();
    cancelTimer = undefined;
    for (const w of queue.drain()) w.reject(waitAborted());
  }, { once: true });

  return {
    acquire(tokens) {
      if (signal?.aborted) return Promise.reject(waitAborted());
      if (queue.size === 0 && waitFor(tokens) === 0) {
        take(tokens);
        return undefined;
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ tokens, resolve, reject });
        if (queue.size === 1) serve();
      });
    },
    settle(reserved, used) {
      if (budget === undefined || reserved === used) return;
      budget.give(reserved - used);
      // A refund may let the head of the line go sooner than its timer says.
      if (queue.size > 0) serve();
    },
    recheck() {
      if (queue.size > 0) serve();
    },
  };
}
