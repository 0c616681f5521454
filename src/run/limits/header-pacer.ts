import type { RateLimitReading, RateLimitWindow } from '../providers/rate-limit-headers.ts';

/**
 * Paces a target from what its replies' rate-limit headers say, before a 429 happens: each
 * budget (requests, tokens) is mirrored as a bucket holding what the server last reported left,
 * less what we sent since that request, refilled at the rate the server reports (what it lacks of
 * its limit over the time until it is full; a minute's worth of the limit when it does not say).
 * An attempt waits while a bucket is short. Until a reply brings headers it holds nothing back,
 * so a server without them (a local one, the fake server's random 429s) is not paced at all.
 * Pure: time comes from `now`.
 */
export interface HeaderPacer {
  /** Milliseconds until an attempt of `tokens` may go; 0 when it may go now. */
  waitMs(tokens: number): number;
  /** Counts an attempt going out. */
  take(tokens: number): void;
  /** What has been sent so far; hand it back to `observe` with the reply to that attempt. */
  mark(): PacerMark;
  /** A reply's headers (success or error) bring the buckets in line with the server. */
  observe(reading: RateLimitReading, sentAt: PacerMark): void;
}

const MAX_PACE_MS = 60_000;

export interface PacerMark {
  requests: number;
  tokens: number;
}

export function createHeaderPacer(now: () => number): HeaderPacer {
  const requests = createSyncedBucket(now);
  const tokens = createSyncedBucket(now);
  return {
    waitMs: (n) => Math.max(requests.waitMs(1), tokens.waitMs(n)),
    take(n) {
      requests.take(1);
      tokens.take(n);
    },
    mark: () => ({ requests: requests.sent, tokens: tokens.sent }),
    observe(reading, at) {
      if (reading.requests) requests.sync(reading.requests, requests.sent - at.requests);
      if (reading.tokens) tokens.sync(reading.tokens, tokens.sent - at.tokens);
    },
  };
}

interface SyncedBucket {
  readonly known: boolean;
  /** Everything taken so far. */
  readonly sent: number;
  waitMs(cost: number): number;
  take(cost: number): void;
  sync(window: RateLimitWindow, sentSince: number): void;
}

function createSyncedBucket(now: () => number): SyncedBucket {
  let known = false;
  let capacity = 0;
  let perMs = 0;
  let level = 0;
  let last = now();
  let sent = 0;
  const refill = () => {
    const t = now();
    if (t > last) level = Math.min(capacity, level + (t - last) * perMs);
    last = t;
  };
  return {
    get known() {
      return known;
    },
    get sent() {
      return sent;
    },
    waitMs(cost) {
      if (!known) return 0;
      refill();
      const short = Math.min(cost, capacity) - level;
      const wait = short <= 0 || perMs <= 0 ? 0 : Math.ceil(short / perMs);
      // A day's quota used up would hold the run for hours: past a minute, the server's own 429 and the call's throttle budget decide.
      return wait > MAX_PACE_MS ? 0 : wait;
    },
    take(cost) {
      sent += cost;
      if (!known) return;
      refill();
      level -= cost;
    },
    sync(window, sentSince) {
      known = true;
      capacity = window.limit;
      const lacking = window.limit - window.remaining;
      perMs = lacking > 0 && window.resetMs > 0 ? lacking / window.resetMs : window.limit / 60_000;
      last = now();
      level = window.remaining - sentSince;
    },
  };
}
