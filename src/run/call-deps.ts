import { performance } from 'node:perf_hooks';
import { sleep, type RetryDeps } from './call-with-retry.ts';

/** The real clock, timer and randomness for a run; tests pass their own. */
export function callDeps(redact: (text: string) => string): { retry: RetryDeps; clock: () => number } {
  return {
    retry: { sleep, random: Math.random, now: Date.now, redact },
    clock: () => performance.now(),
  };
}
