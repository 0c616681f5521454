import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { TrialResult } from '../run/result.ts';
import { parseStoredResult } from '../run/result-schema.ts';

export interface PriorResults {
  /** Trial ids with a result, each counted once. */
  done: Set<string>;
  /** Line numbers that were not a result (kept in the file, ignored). */
  skippedLines: number[];
  /** Bytes cut from the end: a line torn by a kill mid-write. */
  tornBytes: number;
}

/**
 * Reads a results.jsonl line by line (memory stays flat however long the run was) and hands each
 * trial's newest result to `onResult`: a trial run again (`--retry-errors`) has a later line that
 * replaces its earlier one. A last line without its newline was torn by a kill: it is cut off
 * first, so the next append starts on a fresh line and the trial simply runs again.
 */
export async function readPriorResults(path: string, onResult: (result: TrialResult) => void): Promise<PriorResults> {
  const tornBytes = await cutTornTail(path);
  // Two passes: the first finds each trial's newest line, the second hands only those on.
  const newest = new Map<string, number>();
  const skippedLines: number[] = [];
  await eachResult(path, (result, lineNo) => newest.set(result.trialId, lineNo), (lineNo) => skippedLines.push(lineNo));
  const done = new Set<string>();
  await eachResult(path, (result, lineNo) => {
    if (newest.get(result.trialId) !== lineNo) return;
    done.add(result.trialId);
    onResult(result);
  });
  return { done, skippedLines, tornBytes };
}

async function eachResult(path: string, onResult: (result: TrialResult, lineNo: number) => void, onSkipped?: (lineNo: number) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const result = parseStoredResult(line);
    if (result === undefined) onSkipped?.(lineNo);
    else onResult(result, lineNo);
  }
}

/** Truncates the file after its last newline; returns how many bytes went. */
async function cutTornTail(path: string): Promise<number> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const chunk = 64 * 1024;
    let end = size;
    // Walk back chunk by chunk to the last newline (a torn line can be long: raw replies are kept).
    while (end > 0) {
      const start = Math.max(0, end - chunk);
      const buffer = Buffer.alloc(end - start);
      await handle.read(buffer, 0, buffer.length, start);
      const nl = buffer.lastIndexOf(0x0a);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) await handle.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    if (size > 0) await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}
