import type { Project } from '../config/load-project.ts';
import type { Plan } from '../plan/build-plan.ts';
import { batchSupportOf } from '../run/batch/batch-support.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheFile, DEFAULT_CACHE_DIR, openRunCache } from '../run/cache/index.ts';
import type { Provider } from '../run/providers/provider.ts';
import type { JudgeSetup } from '../run/run-trial.ts';
import type { CliIO } from './cli-io.ts';
import { runDryRun } from './dry-run.ts';
import { EXIT } from './exit-codes.ts';
import type { RunFlags } from './program.ts';
import { readDoneTrials } from './read-done-trials.ts';
import type { ResumedRun } from './resume-run.ts';

/**
 * `run --dry-run`: nothing is written (no run folder, no cache entry) and no request is sent; a
 * resumed run's dry run prices only what it still owes.
 */
export async function dryRunCommand(
  flags: RunFlags,
  ctx: { project: Project; plan: Plan; providers: ReadonlyMap<string, Provider>; judge: JudgeSetup | undefined; resumed: ResumedRun | undefined; io: CliIO },
): Promise<number> {
  const { project, plan, io } = ctx;
  const todo = ctx.resumed ? (await readDoneTrials(plan.trials, ctx.resumed, flags.retryErrors === true, () => {}, io)).todo : plan.trials;
  // Read only, and only a cache that exists: a dry run creates no file.
  const dir = flags.cacheDir === undefined ? resolve(project.root, DEFAULT_CACHE_DIR) : resolve(io.cwd, flags.cacheDir);
  const cache = existsSync(cacheFile(dir)) ? openRunCache({ enabled: flags.cache !== false, offline: true, cacheDir: flags.cacheDir, root: project.root, cwd: io.cwd, env: io.env, warn: (line) => io.stderr(`${line}\n`) }) : undefined;
  try {
    await runDryRun(
      {
        trials: todo,
        plannedCalls: plan.trials.length,
        providers: ctx.providers,
        judge: ctx.judge,
        cache,
        mode: flags.batch ? 'batch' : 'live',
        concurrency: flags.concurrency ?? project.config.concurrency,
        batchSupport: (target) => batchSupportOf(target, io.env),
        json: flags.json === true,
      },
      io,
    );
  } finally {
    cache?.close();
  }
  return EXIT.ok;
}
