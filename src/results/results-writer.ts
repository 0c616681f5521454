import { closeSync, openSync, writeSync } from 'node:fs';
import { ResultLineSchema, RESULT_BOUNDS } from './result-line-schema.ts';
import type { TrialResult, Usage } from './trial-result.ts';

export interface ResultsWriter {
  /** Writes one line; resolves with the result as written (numbers bounded), which is what the summary must count. */
  append(result: TrialResult): Promise<TrialResult>;
  close(): Promise<void>;
}

/**
 * results.jsonl, appended as each call finishes. Each line is one write(2) on a file opened with
 * O_APPEND, done synchronously: lines can never interleave, a kill leaves whole lines (or, at
 * worst, one torn last line that `--resume` cuts), and a result is on disk before the next call is
 * counted. A line is a few kilobytes, so the write costs microseconds, less than a promise chain.
 */
export async function openResultsWriter(path: string): Promise<ResultsWriter> {
  const fd = openSync(path, 'a');
  let closed = false;
  return {
    async append(result) {
      const written = toResultLine(result);
      const line = Buffer.from(`${JSON.stringify(written)}\n`);
      let done = 0;
      // A regular file takes the whole buffer at once; the loop only guards a short write.
      while (done < line.length) done += writeSync(fd, line, done);
      return written;
    },
    async close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/**
 * The line the writer stores: usage, cost and latency a provider reported out of range (negative,
 * NaN, 1e300) become 0 (cost: unknown), so they can neither poison a sum nor make the line
 * unreadable; then the line is checked against the schema readers use. A line that still fails is
 * a bug in this tool, not the provider's doing: it throws.
 */
export function toResultLine(result: TrialResult): TrialResult {
  const line: TrialResult = {
    ...result,
    latencyMs: inRange(result.latencyMs, RESULT_BOUNDS.latencyMs) ?? 0,
    usage: boundUsage(result.usage),
    ...(result.judgeUsage === undefined ? {} : { judgeUsage: boundUsage(result.judgeUsage) }),
    costUsd: result.costUsd === null ? null : inRange(result.costUsd, RESULT_BOUNDS.costUsd) ?? null,
  };
  const checked = ResultLineSchema.safeParse(line);
  if (!checked.success) throw new Error(`results.jsonl: refusing to write a line readers could not read (${checked.error.issues[0]?.message ?? 'invalid'} at ${checked.error.issues[0]?.path.join('.') ?? '?'})`);
  return line;
}

function boundUsage(usage: Usage): Usage {
  const cached = usage.cachedInputTokens === undefined ? undefined : inRange(usage.cachedInputTokens, RESULT_BOUNDS.tokens);
  const written = usage.cacheWriteTokens === undefined ? undefined : inRange(usage.cacheWriteTokens, RESULT_BOUNDS.tokens);
  return {
    inputTokens: inRange(usage.inputTokens, RESULT_BOUNDS.tokens) ?? 0,
    outputTokens: inRange(usage.outputTokens, RESULT_BOUNDS.tokens) ?? 0,
    // Prompt-cache counts (additive fields): kept when in range, dropped otherwise.
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(written === undefined ? {} : { cacheWriteTokens: written }),
  };
}

function inRange(value: number, max: number): number | undefined {
  return Number.isFinite(value) && value >= 0 && value <= max ? value : undefined;
}
