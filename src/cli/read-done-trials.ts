import { join } from 'node:path';
import { toAggregateRow, type AggregateRow } from '../aggregate/index.ts';
import type { Trial } from '../plan/build-plan.ts';
import type { FailingCollector } from '../report/index.ts';
import type { TrialResult } from '../run/result.ts';
import type { CliIO } from './cli-io.ts';
import { readPriorResults } from './prior-results.ts';
import { describeSkippedLines } from './read-run-folder.ts';
import { explainForeignResults, type ResumedRun } from './resume-run.ts';
import { writeOrExplain } from './write-or-explain.ts';

/**
 * The trials a resumed run still owes: results already written are read back (and count in the
 * summary), their trials skipped. A result from another plan stops the resume before any call.
 */
export async function readDoneTrials(
  trials: readonly Trial[],
  resumed: ResumedRun,
  rows: AggregateRow[],
  failing: FailingCollector,
  io: CliIO,
  /** `--retry-errors`: a trial whose newest result is a provider_error runs again. */
  options: { retryErrors?: boolean } = {},
): Promise<Trial[]> {
  const planned = new Set(trials.map((t) => t.trialId));
  const foreign: TrialResult[] = [];
  const retry = new Set<string>();
  const prior = await writeOrExplain(resumed.shown, () =>
    readPriorResults(join(resumed.dir, 'results.jsonl'), (result) => {
      if (!planned.has(result.trialId)) {
        foreign.push(result);
        return;
      }
      if (options.retryErrors && result.outcome === 'provider_error') {
        retry.add(result.trialId);
        return;
      }
      rows.push(toAggregateRow(result));
      failing.add(result);
    }),
  );
  for (const id of retry) prior.done.delete(id);
  if (foreign.length > 0) throw explainForeignResults(resumed.shown, foreign);
  io.stderr(describeSkippedLines(resumed.shown, prior.skippedLines));
  if (prior.tornBytes > 0) io.stderr(`${resumed.shown}/results.jsonl: cut a torn last line (${prior.tornBytes} bytes); that call runs again\n`);
  const todo = trials.filter((t) => !prior.done.has(t.trialId));
  const retrying = retry.size > 0 ? ` (${retry.size} provider error(s) to retry)` : '';
  io.stderr(`Resuming ${resumed.meta.runId}: ${trials.length - todo.length} of ${trials.length} calls already done, ${todo.length} to go${retrying}.\n`);
  return todo;
}
