/**
 * Adaptive concurrency for one target, additive increase / multiplicative decrease (as TCP does):
 * a burst of throttled replies (429, 529) halves the calls allowed in flight, down to 1; every
 * full round of successes then allows one more, up to `max`. Pure and clock-free: a "round" is
 * counted in replies, and a reply belongs to the epoch its attempt started in.
 */
export interface Aimd {
  /** Calls allowed in flight now, 1…max. */
  readonly limit: number;
  /** Call when an attempt starts; hand the returned epoch back to `end`. */
  begin(): number;
  /** Records how an attempt ended; returns the new limit when it moved, else `undefined`. */
  end(epoch: number, outcome: AttemptOutcome): number | undefined;
}

/** `throttled`: the server said slow down (429, 529); `failed`: any other error, which says nothing about load. */
export type AttemptOutcome = 'ok' | 'throttled' | 'failed';

export interface AimdOptions {
  max: number;
  /**
   * Share of a round's replies that must be throttled to count as a burst (at least 2 replies).
   * A stray 429 is the retry's business (it waits what Retry-After says); only a burst means the
   * target is over its limit. @default 0.25
   */
  burstShare?: number;
}

export function createAimd({ max, burstShare = 0.25 }: AimdOptions): Aimd {
  let limit = max;
  let epoch = 0;
  // The current round: replies, throttled ones, and successes since the limit last moved.
  let replies = 0;
  let throttled = 0;
  let successes = 0;

  const startRound = () => {
    replies = 0;
    throttled = 0;
  };
  return {
    get limit() {
      return limit;
    },
    begin: () => epoch,
    end(started, outcome) {
      // Replies to attempts sent before the last decrease are the same wave: already counted.
      if (started !== epoch) return undefined;
      replies++;
      if (outcome === 'throttled') {
        throttled++;
        if (limit > 1 && throttled >= Math.max(2, Math.ceil(limit * burstShare))) {
          limit = Math.max(1, Math.floor(limit / 2));
          epoch++;
          successes = 0;
          startRound();
          return limit;
        }
      } else if (outcome === 'ok') {
        successes++;
        if (successes >= limit && limit < max) {
          limit++;
          successes = 0;
          return limit;
        }
      }
      if (replies >= limit) startRound();
      return undefined;
    },
  };
}
