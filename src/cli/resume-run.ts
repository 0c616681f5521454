import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BUILT_IN_DEFAULTS, DEFAULT_CONFIG_FILE } from '../config/load-project.ts';
import { UserError } from '../errors.ts';
import { cutForMessage } from '../text/terminal-text.ts';
import type { CliIO } from './cli-io.ts';
import type { RunFlags } from './program.ts';
import { openRunFolder } from './read-run-folder.ts';
import type { RunMeta, RunSelection } from './run-meta.ts';

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
  /** The folder the run began in, where its config and cases are. */
  projectCwd: string;
}

/** The run folder `--resume` points at, checked before anything is read or written. */
export async function openResumedRun(flags: RunFlags, io: CliIO): Promise<ResumedRun> {
  const given = flags.resume ?? '';
  const clashing = SELECTION_FLAGS.filter((f) => flags[f] !== undefined);
  if (clashing.length > 0) {
    throw new UserError('USAGE', `--resume takes the variants, targets and cases from ${given}/run.json; drop ${clashing.map((f) => `--${f}`).join(', ')}`);
  }
  const { dir, meta } = await openRunFolder(given, '', io, 'no results.jsonl there, nothing to resume');
  const shown = relative(io.cwd, dir) || '.';
  const metaFile = join(shown, 'run.json');
  if (meta.selection === undefined) throw new UserError('BAD_RUN_FOLDER', `${metaFile}: written by an older version without its selection; start a new run`);
  const projectCwd = resolve(dir, meta.selection.cwd);
  checkProjectThere(metaFile, projectCwd, meta);
  return { dir, shown, meta, selection: meta.selection, projectCwd };
}

/**
 * run.json records the project folder relative to the run folder: a run folder moved away from its
 * project points nowhere, and loading would fall back to the defaults ("no cases found").
 */
function checkProjectThere(metaFile: string, projectCwd: string, meta: RunMeta): void {
  const config = meta.config === BUILT_IN_DEFAULTS ? undefined : resolve(projectCwd, meta.selection?.config ?? DEFAULT_CONFIG_FILE);
  if (existsSync(projectCwd) && (config === undefined || existsSync(config))) return;
  const missing = config === undefined ? projectCwd : config;
  throw new UserError(
    'PROJECT_MOVED',
    `${metaFile}: this run began in ${cutForMessage(projectCwd)}, but ${cutForMessage(missing)} is not there; was the run folder moved away from its project? Put it back where it was (the project's reports folder), or start a new run`,
  );
}

export interface PlanCheck {
  /** `hashTrialIds` of the rebuilt plan. */
  planHash: string;
  plannedCalls: number;
  /** Results already written whose trial is not in the rebuilt plan. */
  stray: readonly { caseId: string; variant: string; target: string }[];
  strayCount: number;
}

/**
 * The rebuilt plan must be the one the run began with: a prompt, target or case that changed since
 * would mix two versions in one scorecard, and a case added or deleted would make "complete" a lie.
 * run.json of older versions has no plan hash: there the count and the results already written
 * must match.
 */
export function checkPlanUnchanged(shown: string, meta: RunMeta, now: PlanCheck): void {
  const changed = meta.planHash === undefined ? meta.plannedCalls !== now.plannedCalls || now.strayCount > 0 : meta.planHash !== now.planHash;
  if (!changed) return;
  const first = now.stray[0];
  const stray = now.strayCount === 0 ? '' : `; ${now.strayCount} result(s) already written no longer match${first ? ` (first: ${cutForMessage(`${first.variant} × ${first.target} × ${first.caseId}`)})` : ''}`;
  throw new UserError(
    'RESUME_CHANGED',
    `${shown}: the prompts, targets or cases changed since this run began (the plan now has ${now.plannedCalls} calls, run.json planned ${meta.plannedCalls}${stray}). Start a new run, or restore them to resume.`,
  );
}
