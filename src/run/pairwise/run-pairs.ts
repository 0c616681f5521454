import type { CompleteDeps } from '../complete-once.ts';
import { judgePair, type PairTask, type PairwiseJudge } from './judge-pair.ts';
import type { PairRecord } from './pair-record.ts';

/**
 * Judges every pair, a few at a time (the judge's own limit caps the calls in flight; twice that
 * many pairs under way keep it busy), handing each record to `onRecord` as it is done. Stops
 * starting pairs after `stop`; returns whether it was interrupted.
 */
export async function runPairs(tasks: readonly PairTask[], judge: PairwiseJudge, deps: CompleteDeps & { onRecord: (record: PairRecord) => void | Promise<void> }): Promise<{ interrupted: boolean }> {
  let next = 0;
  let interrupted = false;
  const worker = async () => {
    while (next < tasks.length && !deps.stop?.aborted) {
      const record = await judgePair(judge, tasks[next++]!, deps);
      if (record === undefined) {
        interrupted = true;
        return;
      }
      await deps.onRecord(record);
    }
  };
  await Promise.all(Array.from({ length: Math.min(tasks.length, 2 * Math.max(1, judge.limit.concurrency)) }, worker));
  return { interrupted: interrupted || (deps.stop?.aborted ?? false) };
}
