import { join } from 'node:path';
import type { Trial } from '../plan/build-plan.ts';
import { hashTrialIds } from '../plan/plan-hash.ts';
import { cutTornTail, readResults, type TrialResult } from '../results/index.ts';
import { terminalLine } from '../text/terminal-text.ts';
import type { CliIO } from './cli-io.ts';
import { describeTally, scopeOf } from './read-run-folder.ts';
import { checkPlanUnchanged, type ResumedRun } from './resume-run.ts';
import { writeOrExplain } from './write-or-explain.ts';

export interface ResumeState {
  /** The trials still owed, in plan order. */
  todo: Trial[];
  /**
   * `--retry-errors`: the provider errors being run again, by trial id. Each counts in the summary
   * until its new result arrives, so a run interrupted again loses nothing.
   */
  retrying: Map<string, TrialResult>;
}

/**
 * The trials a resumed run still owes. The newest result of each trial already written is read
 * back and handed to `onDone` (it counts in the summary); with `retryErrors`, a trial whose newest
 * result is a provider error is owed again. A plan that changed since the run began stops the
 * resume before any call.
 */
export async function readDoneTrials(trials: readonly Trial[], resumed: ResumedRun, retryErrors: boolean, onDone: (result: TrialResult) => void, io: CliIO): Promise<ResumeState> {
  const path = join(resumed.dir, 'results.jsonl');
  const tornBytes = await writeOrExplain(resumed.shown, () => cutTornTail(path));
  const planned = new Set(trials.map((t) => t.trialId));
  const done = new Set<string>();
  const retrying = new Map<string, TrialResult>();
  const stray: TrialResult[] = [];
  let strayCount = 0;
  const tally = await readResults(path, scopeOf(resumed.meta), (result) => {
    if (!planned.has(result.trialId)) {
      if (strayCount++ === 0) stray.push(result);
    } else if (retryErrors && result.outcome === 'provider_error') {
      retrying.set(result.trialId, result);
    } else {
      done.add(result.trialId);
      onDone(result);
    }
  });
  checkPlanUnchanged(resumed.shown, resumed.meta, { planHash: hashTrialIds(planned), plannedCalls: trials.length, stray, strayCount });
  io.stderr(describeTally(resumed.shown, { ...tally, foreign: tally.foreign + strayCount }));
  if (tornBytes > 0) io.stderr(`${resumed.shown}/results.jsonl: cut a torn last line (${tornBytes} bytes); that call runs again\n`);
  const todo = trials.filter((t) => !done.has(t.trialId));
  const retried = retrying.size > 0 ? ` (${retrying.size} of them provider errors run again)` : '';
  io.stderr(`Resuming ${terminalLine(resumed.meta.runId, 80)}: ${trials.length - todo.length} of ${trials.length} calls already done, ${todo.length} to go${retried}.\n`);
  return { todo, retrying };
}
