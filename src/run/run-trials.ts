import type { Trial } from '../plan/build-plan.ts';
import { createRunLimits, systemClock, type LimitClock, type LimitEvent } from './limits/index.ts';
import type { Provider } from './providers/provider.ts';
import type { TrialResult } from '../results/trial-result.ts';
import type { RetryDeps } from './call-with-retry.ts';
import { runTrial, type TrialDeps } from './run-trial.ts';

export interface RunDeps extends TrialDeps {
  /** Calls in flight at once, over all targets (each target may set a lower limit). */
  concurrency: number;
  /** Receives each result as its call finishes; the run waits for it (so a write is never lost). */
  onResult: (result: TrialResult) => void | Promise<void>;
  /** Throttled replies and moves of a target's adaptive concurrency, e.g. for a "throttled" count. */
  onLimitEvent?: ((event: LimitEvent) => void) | undefined;
  /** Time for the rate limits. @default the system's monotonic clock */
  clock?: LimitClock | undefined;
}

/**
 * Runs trials concurrently and hands every finished one to `onResult`. It never prints and never
 * throws for a failed call: a failure is a result. Each target is fed from its own queue, keeps
 * its own rpm/tpm and adapts its own concurrency to 429s, and takes a global slot only while a
 * request is out, so a slow, throttled or rate-limited target never holds back the others. After
 * `stop` no new call starts (waits for a slot or a rate limit end at once) and calls in flight
 * finish; `cancel` also aborts them. A call cut short is dropped, not recorded. If `onResult`
 * throws (a full disk), dispatching stops, the calls in flight settle, and the first error is
 * rethrown.
 */
export async function runTrials(trials: readonly Trial[], deps: RunDeps): Promise<{ finished: number; interrupted: boolean }> {
  let finished = 0;
  let failure: { error: unknown } | undefined;
  const halt = new AbortController();
  const unlink = linkAbort(halt, [deps.stop, deps.cancel]);
  const stopped = () => halt.signal.aborted;

  const limits = createRunLimits({ concurrency: deps.concurrency, clock: deps.clock ?? systemClock, signal: halt.signal, onEvent: deps.onLimitEvent, now: deps.retry.now });
  const queues = groupByTarget(trials);
  const providers = new Map<string, Provider>();
  for (const queue of queues) {
    const target = queue[0]!.target;
    const provider = deps.providers.get(target.id);
    if (provider) providers.set(target.id, limits.wrap(provider, target, maxInFlight(target.concurrency, deps.concurrency), 'target'));
  }
  const judge = deps.judge && { ...deps.judge, provider: limits.wrap(deps.judge.provider, deps.judge.target, deps.judge.limit.concurrency, 'judge') };

  const runOne = async (trial: Trial, trialDeps: TrialDeps): Promise<void> => {
    try {
      if (stopped()) return;
      const result = await runTrial(trial, trialDeps);
      if (result === undefined || failure !== undefined) return;
      await deps.onResult(result);
      finished++;
    } catch (error) {
      if (failure === undefined) {
        failure = { error };
        halt.abort();
      }
    }
  };

  try {
    await Promise.all(
      queues.map((queue) => {
        const max = maxInFlight(queue[0]!.target.concurrency, deps.concurrency);
        const drain = createDrain(queue, max, stopped);
        // A trial waiting out a backoff or a Retry-After holds no request slot; while it rests,
        // another trial of this target is let in to use the slot, so throttled calls do not slow
        // the others (the slots still cap the requests in flight).
        const sleep: RetryDeps['sleep'] = async (ms, signal) => {
          const wake = drain.rest();
          try {
            await deps.retry.sleep(ms, signal);
          } finally {
            wake();
          }
        };
        const trialDeps: TrialDeps = { ...deps, providers, judge, retry: { ...deps.retry, sleep } };
        return drain.run((trial) => runOne(trial, trialDeps));
      }),
    );
  } finally {
    unlink();
  }
  if (failure !== undefined) throw failure.error;
  return { finished, interrupted: deps.stop?.aborted ?? false };
}

/** Trials under way per request slot, not counting those resting: one in flight and one ready to take its place. */
const TRIALS_PER_SLOT = 2;
/** Resting trials let in beyond that, per slot: bounds memory when a target throttles everything. */
const RESTING_PER_SLOT = 8;

function maxInFlight(target: number | undefined, global: number): number {
  return Math.min(target ?? global, global);
}

interface Drain {
  /** Runs the queue to its end (or until stopped). */
  run(runOne: (trial: Trial) => Promise<void>): Promise<void>;
  /** A trial starts resting (a backoff, a Retry-After); call the returned function when it wakes. */
  rest(): () => void;
}

/**
 * Keeps up to `TRIALS_PER_SLOT × max` of one target's trials going, plus as many as are resting
 * (up to `RESTING_PER_SLOT × max`), starting the next as one ends or lies down. Trials wait in the
 * plan, not in memory, so memory stays flat however large the plan; each start is O(1).
 */
function createDrain(queue: readonly Trial[], max: number, stopped: () => boolean): Drain {
  let next = 0;
  let active = 0;
  let resting = 0;
  let pump = () => {};
  return {
    run(runOne) {
      return new Promise((resolve) => {
        const done = () => {
          active--;
          pump();
        };
        pump = () => {
          const room = TRIALS_PER_SLOT * max + Math.min(resting, RESTING_PER_SLOT * max);
          while (active < room && next < queue.length && !stopped()) {
            active++;
            void runOne(queue[next++]!).then(done);
          }
          if (active === 0) resolve();
        };
        pump();
      });
    },
    rest() {
      resting++;
      pump();
      let awake = false;
      return () => {
        if (awake) return;
        awake = true;
        resting--;
      };
    },
  };
}

/** Aborts `controller` when any of `signals` aborts; returns the unsubscribe. */
function linkAbort(controller: AbortController, signals: readonly (AbortSignal | undefined)[]): () => void {
  const abort = () => controller.abort();
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  if (live.some((s) => s.aborted)) abort();
  for (const s of live) s.addEventListener('abort', abort, { once: true });
  return () => {
    for (const s of live) s.removeEventListener('abort', abort);
  };
}

function groupByTarget(trials: readonly Trial[]): Trial[][] {
  const groups = new Map<string, Trial[]>();
  for (const t of trials) {
    const g = groups.get(t.target.id);
    if (g) g.push(t);
    else groups.set(t.target.id, [t]);
  }
  return [...groups.values()];
}
