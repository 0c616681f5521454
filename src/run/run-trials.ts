import pLimit, { type LimitFunction } from 'p-limit';
import type { Trial } from '../plan/build-plan.ts';
import type { TrialResult } from './result.ts';
import { runTrial, type TrialDeps } from './run-trial.ts';

export interface RunDeps extends TrialDeps {
  /** Calls in flight at once, over all targets (each target may set a lower limit). */
  concurrency: number;
  /** Receives each result as its call finishes; the run waits for it (so a write is never lost). */
  onResult: (result: TrialResult) => void | Promise<void>;
}

/**
 * Runs trials concurrently and hands every finished one to `onResult`. It never prints and never
 * throws for a failed call: a failure is a result. Each target is fed from its own queue, so a
 * slow or rate-limited target never holds back the others. After `stop` no new call starts and
 * calls in flight finish; `cancel` also aborts them. A call cut short is dropped, not recorded.
 * If `onResult` throws (a full disk), dispatching stops, the calls in flight settle, and the first
 * error is rethrown.
 */
export async function runTrials(trials: readonly Trial[], deps: RunDeps): Promise<{ finished: number; interrupted: boolean }> {
  const global = pLimit(deps.concurrency);
  let finished = 0;
  let failure: { error: unknown } | undefined;
  const stopped = () => failure !== undefined || (deps.stop?.aborted ?? false);

  const feed = async (queue: Trial[]) => {
    const target = queue[0]!.target;
    const perTarget: LimitFunction = pLimit(Math.min(target.concurrency ?? deps.concurrency, deps.concurrency));
    const window = perTarget.concurrency * 2;
    const pending = new Set<Promise<void>>();
    for (const trial of queue) {
      if (stopped()) break;
      // A bounded window per target keeps memory flat however large the plan is.
      while (pending.size >= window) await Promise.race(pending);
      const task = perTarget(() =>
        global(async () => {
          if (stopped()) return;
          const result = await runTrial(trial, deps);
          if (result === undefined || failure !== undefined) return;
          await deps.onResult(result);
          finished++;
        }),
      ).catch((error: unknown) => {
        failure ??= { error };
      });
      const tracked = task.finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
    await Promise.allSettled(pending);
  };

  await Promise.all(groupByTarget(trials).map(feed));
  if (failure !== undefined) throw failure.error;
  return { finished, interrupted: deps.stop?.aborted ?? false };
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
