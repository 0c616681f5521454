/** Time for the rate limits: a monotonic `now` and one cancellable timer; tests pass a fake. */
export interface LimitClock {
  now(): number;
  /** Calls `fn` after `ms`; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

/** The real clock: monotonic, so a wall-clock jump (NTP, sleep) cannot release or hold calls. */
export const systemClock: LimitClock = {
  now: () => performance.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
