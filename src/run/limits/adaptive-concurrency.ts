import { InFlight } from './in-flight.ts';

/**
 * Adaptive concurrency for one target that tells load from noise. Throttled replies (429, 529)
 * lower the calls allowed in flight only when they track load:
 * - a burst: half a round's replies or more throttled. Load-independent throttling (a random
 *   share of replies) rarely comes near that, and a throttled call waits out its Retry-After
 *   without holding a slot, so it costs the run nothing to keep the limit; or
 * - a throttled reply whose rate-limit headers say a request or token budget is used up.
 * The limit then drops to the calls the server is serving: those sent before the last refused
 * call of the round and still out — the server was full of them when it refused. Against a server
 * that takes 20 at once that is 20 (a few more while refusals are still on their way back, which
 * the next burst trims), whatever the limit was; when none was sent before it (the very first
 * wave goes out at once), it halves. Once a round is clean
 * the limit climbs back quickly (1, 2, 4 … more per round) up to just under the level that was
 * throttled; that level is probed again after 1, 2, 4 … 16 clean rounds, so a server with a fixed
 * capacity sees a probe now and then, and one that recovered gets the full limit back. Pure: times
 * are passed in; a "round" is `limit` replies, and a reply belongs to the epoch its attempt started in.
 */
export interface AdaptiveConcurrency {
  /** Calls allowed in flight now, 1…max. */
  readonly limit: number;
  /** Call when an attempt goes out; hand the returned attempt back to `end`. */
  begin(sentAt: number): Attempt;
  /** Records how an attempt ended; returns the new limit when it moved, else `undefined`. */
  end(attempt: Attempt, reply: AttemptReply): number | undefined;
}

/** `throttled`: the server said slow down (429, 529); `failed`: any other error, which says nothing about load. */
export type AttemptOutcome = 'ok' | 'throttled' | 'failed';

export interface Attempt {
  readonly epoch: number;
  readonly sentAt: number;
}

export interface AttemptReply {
  outcome: AttemptOutcome;
  /** The reply's rate-limit headers said a request or token budget is used up. */
  limitReached?: boolean | undefined;
}

export interface AdaptiveConcurrencyOptions {
  max: number;
}

/** Fewest throttled replies that make a burst, so a round of three calls is not judged on one. */
const MIN_BURST = 3;
/** Share of a round throttled that makes a burst. */
const BURST_SHARE = 0.5;
/** Share of a round throttled that still counts as clean for climbing back: stray 429s do not hold the limit down. */
const CLEAN_SHARE = 0.1;
const MAX_PATIENCE = 16;

export function createAdaptiveConcurrency({ max }: AdaptiveConcurrencyOptions): AdaptiveConcurrency {
  const out = new InFlight();
  let limit = max;
  let epoch = 0;
  // The current round: replies to attempts begun in this epoch, and the throttled among them.
  let replies = 0;
  let throttled = 0;
  /** When the last-sent of this round's refused calls went out. */
  let lastRefusedAt = -Infinity;
  /** The next climb below the ceiling; doubles with each clean round. */
  let step = 1;
  /** The lowest level throttling was last seen at; probed again only after `patience` clean rounds. */
  let ceiling: number | undefined;
  let patience = 1;
  let cleanBelowCeiling = 0;

  const startRound = () => {
    replies = 0;
    throttled = 0;
    lastRefusedAt = -Infinity;
  };

  function decrease(): number | undefined {
    const from = limit;
    const served = out.sentBefore(lastRefusedAt);
    const to = Math.max(1, served === 0 ? Math.floor(from / 2) : Math.min(from - 1, served));
    startRound();
    if (to === from) return undefined;
    patience = ceiling !== undefined && from <= ceiling ? Math.min(MAX_PATIENCE, patience * 2) : 1;
    // Measured, the server's capacity is `served`: the next level up is where to probe. Halved
    // blind, only `from` is known to be too many.
    ceiling = served === 0 ? from : to + 1;
    cleanBelowCeiling = 0;
    step = 1;
    limit = to;
    epoch++;
    return limit;
  }

  function endRound(): number | undefined {
    const share = throttled / replies;
    startRound();
    if (limit >= max || share > CLEAN_SHARE) return undefined;
    if (ceiling !== undefined) {
      if (limit >= ceiling) {
        // A clean round at the level that was throttled: that throttling has stopped.
        ceiling = undefined;
        patience = 1;
      } else if (limit + 1 >= ceiling) {
        if (++cleanBelowCeiling < patience) return undefined;
        cleanBelowCeiling = 0;
        return (limit += 1);
      }
    }
    const next = Math.min(ceiling === undefined ? max : ceiling - 1, limit + step);
    if (next <= limit) return undefined;
    step *= 2;
    return (limit = next);
  }

  return {
    get limit() {
      return limit;
    },
    begin(sentAt) {
      out.add(sentAt);
      return { epoch, sentAt };
    },
    end(attempt, reply) {
      out.remove(attempt.sentAt);
      // Replies to attempts sent before the last move down are the same wave: already counted.
      if (attempt.epoch !== epoch) return undefined;
      replies++;
      if (reply.outcome === 'throttled') {
        throttled++;
        lastRefusedAt = Math.max(lastRefusedAt, attempt.sentAt);
        if (reply.limitReached === true || throttled >= Math.max(Math.min(MIN_BURST, limit), Math.ceil(limit * BURST_SHARE))) return decrease();
      }
      return replies >= limit ? endRound() : undefined;
    },
  };
}
