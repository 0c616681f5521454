import { join } from 'node:path';
import { UserError } from '../errors.ts';
import type { TrialResult } from '../run/result.ts';
import { parseStoredResult } from '../run/result-schema.ts';
import { RunMetaSchema, type RunMeta } from './run-meta.ts';

/**
 * A run folder's run.json and results.jsonl. A torn last line (a kill mid-write) or a line that
 * is not a result is skipped and reported, never fatal; a trial written twice counts once.
 */
export async function readRunFolder(
  dir: string,
  read: (path: string, encoding: 'utf8') => Promise<string>,
): Promise<{ meta: RunMeta; results: TrialResult[]; skippedLines: number[] }> {
  let meta: RunMeta;
  try {
    meta = RunMetaSchema.parse(JSON.parse(await read(join(dir, 'run.json'), 'utf8')));
  } catch {
    throw new UserError('BAD_RUN_FOLDER', `${join(dir, 'run.json')}: missing or not a subtodo-eval run.json`);
  }
  const byTrial = new Map<string, TrialResult>();
  const skippedLines: number[] = [];
  const lines = (await read(join(dir, 'results.jsonl'), 'utf8')).split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const result = parseStoredResult(line);
    if (result === undefined) skippedLines.push(i + 1);
    else byTrial.set(result.trialId, result);
  });
  return { meta, results: [...byTrial.values()], skippedLines };
}

/** The one line that says which lines of a results.jsonl were not results (none: no line). */
export function describeSkippedLines(shown: string, skippedLines: readonly number[]): string {
  if (skippedLines.length === 0) return '';
  return `${shown}/results.jsonl: skipped ${skippedLines.length} unreadable line(s): ${skippedLines.slice(0, 5).join(', ')}\n`;
}
