import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { errnoText } from '../config/read-yaml-file.ts';
import { UserError } from '../errors.ts';
import { readResults, type ReadTally, type RunScope, type TrialResult } from '../results/index.ts';
import { cutForMessage } from '../text/terminal-text.ts';
import type { CliIO } from './cli-io.ts';
import { RunMetaSchema, type RunMeta } from './run-meta.ts';

/** A run folder named on the command line, its run.json read and checked. */
export interface RunFolder {
  dir: string;
  /** The folder as messages name it: as given, prefixed with the flag or argument that gave it. */
  label: string;
  meta: RunMeta;
}

/**
 * Opens a run folder for reading: it must exist and hold results.jsonl and a run.json this tool
 * wrote. `what` names the argument in messages (`--baseline`, `runA`), or is empty.
 */
export async function openRunFolder(given: string, what: string, io: CliIO, missing = 'not a run folder (no results.jsonl there)'): Promise<RunFolder> {
  const dir = resolve(io.cwd, given);
  const label = what === '' ? given : `${what} ${given}`;
  if (!existsSync(dir)) throw new UserError('NOT_A_RUN', `${label}: no such folder`);
  if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'results.jsonl'))) throw new UserError('NOT_A_RUN', `${label}: ${missing}`);
  return { dir, label, meta: await readRunMeta(dir, join(relative(io.cwd, dir) || '.', 'run.json')) };
}

/** run.json, validated: a hand-edited or forged one is a one-line user error, never a crash. */
export async function readRunMeta(dir: string, shown: string): Promise<RunMeta> {
  let text: string;
  try {
    text = await readFile(join(dir, 'run.json'), 'utf8');
  } catch (e) {
    throw new UserError('BAD_RUN_FOLDER', `${shown}: cannot read it (${errnoText(e)}); is this a subtodo-eval run folder?`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError('BAD_RUN_FOLDER', `${shown}: not JSON; not a subtodo-eval run.json`);
  }
  const checked = RunMetaSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue === undefined ? '' : ` (${cutForMessage(issue.path.join('.') || 'top level')}: ${issue.message})`;
    throw new UserError('BAD_RUN_FOLDER', `${shown}: not a subtodo-eval run.json${where}`);
  }
  return checked.data;
}

/** What a run.json says belongs to its run. */
export function scopeOf(meta: RunMeta, trialIds?: ReadonlySet<string>): RunScope {
  return { runId: meta.runId, variants: meta.variants, targets: meta.targets.map((t) => t.id), trialIds };
}

/**
 * Streams the folder's results (the newest line per trial of this run) to `onResult`, and says on
 * stderr which lines were unreadable or belong to another run.
 */
export async function readRunResults(folder: RunFolder, io: CliIO, onResult: (result: TrialResult) => void): Promise<ReadTally> {
  const tally = await readResults(join(folder.dir, 'results.jsonl'), scopeOf(folder.meta), onResult);
  io.stderr(describeTally(folder.label, tally));
  return tally;
}

/** The lines a reader left out, in one line each (none left out: nothing). */
export function describeTally(label: string, tally: Pick<ReadTally, 'unreadable' | 'unreadableLines' | 'foreign'>): string {
  let text = '';
  if (tally.unreadable > 0) {
    const more = tally.unreadable > tally.unreadableLines.length ? ', …' : '';
    text += `${label}/results.jsonl: skipped ${tally.unreadable} unreadable line(s): ${tally.unreadableLines.join(', ')}${more}\n`;
  }
  if (tally.foreign > 0) text += `${label}/results.jsonl: ignored ${tally.foreign} line(s) of another run, variant, target or trial than its run.json names\n`;
  return text;
}
