import { closeSync, openSync, writeSync } from 'node:fs';
import type { TrialResult } from './result.ts';

export interface ResultsFile {
  append(result: TrialResult): Promise<void>;
  close(): Promise<void>;
}

/**
 * results.jsonl, appended as each call finishes. Each line is one write(2) on a file opened with
 * O_APPEND, done synchronously: lines can never interleave, a kill leaves whole lines (or, at
 * worst, one torn last line that `--resume` cuts), and a result is on disk before the next call is
 * counted. A line is a few kilobytes, so the write costs microseconds, less than a promise chain.
 */
export async function openResultsFile(path: string): Promise<ResultsFile> {
  const fd = openSync(path, 'a');
  let closed = false;
  return {
    async append(result) {
      const line = Buffer.from(`${JSON.stringify(result)}\n`);
      let written = 0;
      // A regular file takes the whole buffer at once; the loop only guards a short write.
      while (written < line.length) written += writeSync(fd, line, written);
    },
    async close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
