import { open, type FileHandle } from 'node:fs/promises';
import type { TrialResult } from './result.ts';

export interface ResultsFile {
  append(result: TrialResult): Promise<void>;
  close(): Promise<void>;
}

/**
 * results.jsonl, appended as each call finishes. Each line goes out in one write on a file opened
 * for appending, and writes are chained so lines never interleave: a crash leaves whole lines.
 */
export async function openResultsFile(path: string): Promise<ResultsFile> {
  const handle: FileHandle = await open(path, 'a');
  let chain: Promise<void> = Promise.resolve();
  return {
    append(result) {
      const line = `${JSON.stringify(result)}\n`;
      chain = chain.then(async () => {
        await handle.write(line);
      });
      return chain;
    },
    async close() {
      await chain;
      await handle.close();
    },
  };
}
