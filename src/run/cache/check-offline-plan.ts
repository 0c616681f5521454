import type { Trial } from '../../plan/build-plan.ts';
import { runTrial, type TrialDeps } from '../run-trial.ts';
import { OfflineMissError, type OfflineMiss } from './offline-miss.ts';

/** Trials checked at once: enough to keep the disk busy, few enough to stay light. */
const WORKERS = 16;

/**
 * `--offline` checks the whole plan before anything is written: each trial runs against the cache
 * alone (an offline cache answers every real call or throws), so a judge miss — which depends on
 * the cached reply — is found up front too, not halfway through the run. The results are thrown
 * away; the run redoes them from the cache. Throws the first miss in plan order, with the count.
 */
export async function checkOfflinePlan(trials: readonly Trial[], deps: TrialDeps): Promise<void> {
  if (!deps.cache?.offline) throw new Error('checkOfflinePlan needs an offline cache');
  let first: { index: number; miss: OfflineMiss } | undefined;
  let count = 0;
  let next = 0;
  const work = async () => {
    while (next < trials.length) {
      const index = next++;
      try {
        await runTrial(trials[index]!, deps);
      } catch (e) {
        if (!(e instanceof OfflineMissError)) throw e;
        count++;
        if (first === undefined || index < first.index) first = { index, miss: e.miss };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, trials.length) }, work));
  if (first !== undefined) throw new OfflineMissError(first.miss, { more: count - 1, dir: deps.cache.shown });
}
