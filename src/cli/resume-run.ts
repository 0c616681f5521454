import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { UserError } from '../errors.ts';
import type { CliIO } from './cli-io.ts';
import type { RunFlags } from './program.ts';
import { RunMetaSchema, type RunMeta, type RunSelection } from './run-meta.ts';

/** Flags that choose what a run contains: a resumed run takes them from its run.json instead. */
const SELECTION_FLAGS = ['config', 'variants', 'targets', 'cases', 'filter', 'repeat', 'out', 'pairwise'] as const;

/** What this run was asked to contain, kept in run.json so `--resume` rebuilds the same plan. */
export function selectionOf(flags: RunFlags, cwd: string): RunSelection {
  return {
    cwd,
    ...(flags.config === undefined ? {} : { config: flags.config }),
    ...(flags.variants === undefined ? {} : { variants: flags.variants }),
    ...(flags.targets === undefined ? {} : { targets: flags.targets }),
    ...(flags.cases === undefined ? {} : { cases: flags.cases }),
    ...(flags.filter === undefined ? {} : { filter: flags.filter }),
    ...(flags.repeat === undefined ? {} : { repeat: flags.repeat }),
    ...(flags.pairwise === undefined ? {} : { pairwise: flags.pairwise }),
  };
}

export interface ResumedRun {
  dir: string;
  shown: string;
  meta: RunMeta;
  selection: RunSelection;
}

/** The run folder `--resume` points at, checked before anything is read or written. */
export async function openResumedRun(flags: RunFlags, io: CliIO): Promise<ResumedRun> {
  const given = flags.resume ?? '';
  const clashing = SELECTION_FLAGS.filter((f) => flags[f] !== undefined);
  if (clashing.length > 0) {
    throw new UserError('USAGE', `--resume takes the variants, targets and cases from ${given}/run.json; drop ${clashing.map((f) => `--${f}`).join(', ')}`);
  }
  const dir = resolve(io.cwd, given);
  const shown = relative(io.cwd, dir) || '.';
  if (!existsSync(join(dir, 'results.jsonl'))) throw new UserError('NOT_A_RUN', `${given}: no results.jsonl there, nothing to resume`);
  let meta: RunMeta;
  try {
    meta = RunMetaSchema.parse(JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')));
  } catch {
    throw new UserError('BAD_RUN_FOLDER', `${join(shown, 'run.json')}: missing or not a subtodo-eval run.json`);
  }
  if (meta.selection === undefined) throw new UserError('BAD_RUN_FOLDER', `${join(shown, 'run.json')}: written by an older version without its selection; start a new run`);
  return { dir, shown, meta, selection: meta.selection };
}

/**
 * Results whose trial is not in today's plan mean the prompts, targets or cases changed since the
 * run began: finishing it would mix two versions in one scorecard.
 */
export function explainForeignResults(shown: string, foreign: readonly { caseId: string; variant: string; target: string }[]): UserError {
  const first = foreign[0];
  const which = first ? ` (first: ${first.variant} × ${first.target} × ${first.caseId})` : '';
  return new UserError(
    'RESUME_CHANGED',
    `${shown}: ${foreign.length} result(s) no longer match the current prompts, targets or cases${which}; they changed since this run began. Start a new run, or restore them to resume.`,
  );
}
