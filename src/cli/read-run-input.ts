import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunInput } from '../compare/compare-runs.ts';
import { UserError } from '../errors.ts';
import type { CliIO } from './cli-io.ts';
import { describeSkippedLines, readRunFolder } from './read-run-folder.ts';

/**
 * A stored run folder for `compare` or `--baseline`, named in every message as the user gave it
 * (`what` says which argument it was). Unreadable lines are skipped and reported, as `report` does.
 */
export async function readRunInput(given: string, what: string, io: CliIO): Promise<RunInput> {
  const dir = resolve(io.cwd, given);
  if (!existsSync(dir)) throw new UserError('NOT_A_RUN', `${what} ${given}: no such folder`);
  if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'results.jsonl'))) {
    throw new UserError('NOT_A_RUN', `${what} ${given}: not a run folder (no results.jsonl there)`);
  }
  const { meta, results, skippedLines } = await readRunFolder(dir, readFile);
  io.stderr(describeSkippedLines(given, skippedLines));
  return {
    label: given,
    runId: meta.runId,
    startedAt: meta.startedAt,
    complete: results.length >= meta.plannedCalls,
    passThreshold: meta.passThreshold,
    results,
    order: meta.variants.flatMap((variant) => meta.targets.map((t) => ({ variant, target: t.id }))),
  };
}
