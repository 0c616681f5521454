/**
 * A token bucket: holds up to `capacity` tokens, refilled continuously at `perMinute`. Taking may
 * run it below zero (a debt the next taker waits out), so a call larger than the bucket still
 * goes, alone, when the bucket is full. Pure: time comes from `now`.
 */
export interface TokenBucket {
  /** Milliseconds until `cost` may be taken; 0 when it may be taken now. */
  waitMs(cost: number): number;
  take(cost: number): void;
  /** Returns tokens (an over-estimate) or, when negative, charges more (an under-estimate); never above capacity. */
  give(tokens: number): void;
  /** The tokens held now (negative while in debt). */
  level(): number;
}

export interface TokenBucketOptions {
  capacity: number;
  perMinute: number;
  now: () => number;
}

export function createTokenBucket({ capacity, perMinute, now }: TokenBucketOptions): TokenBucket {
  const perMs = perMinute / 60_000;
  let tokens = capacity;
  let last = now();
  const refill = () => {
    const t = now();
    if (t > last) tokens = Math.min(capacity, tokens + (t - last) * perMs);
    last = t;
  };
  return {
    waitMs(cost) {
      refill();
      const short = Math.min(cost, capacity) - tokens;
      // Within a millisecond of refill counts as ready: a timer may fire a hair before the exact instant.
      return short <= perMs ? 0 : Math.ceil(short / perMs);
    },
    take(cost) {
      refill();
      tokens -= cost;
    },
    give(amount) {
      refill();
      tokens = Math.min(capacity, tokens + amount);
    },
    level() {
      refill();
      return tokens;
    },
  };
}
