import { sleep, type RetryDeps } from './call-with-retry.ts';

/** The real clock, timer and randomness for a run; tests pass their own. */
export function retryDeps(redact: (text: string) => string): RetryDeps {
  return { sleep, random: Math.random, now: Date.now, redact };
}
