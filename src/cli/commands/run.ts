import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import pLimit from 'p-limit';
import { buildSummary, toAggregateRow, type AggregateRow, type Summary } from '../../aggregate/index.ts';
import { loadProject, type Project } from '../../config/load-project.ts';
import type { Target } from '../../config/target-schema.ts';
import { UserError } from '../../errors.ts';
import { buildPlan, type Trial } from '../../plan/build-plan.ts';
import { selectCases, unmatchedFilters } from '../../plan/select-cases.ts';
import { createFailingCollector } from '../../report/index.ts';
import { createJunitCollector } from '../../report/junit-collector.ts';
import { renderCostLines } from '../../report/render-cost.ts';
import { checkOfflinePlan, openRunCache } from '../../run/cache/index.ts';
import { retryDeps } from '../../run/call-deps.ts';
import { createProviders } from '../../run/providers/create-providers.ts';
import type { Provider } from '../../run/providers/provider.ts';
import { openResultsFile } from '../../run/results-file.ts';
import type { JudgeSetup } from '../../run/run-trial.ts';
import { runTrials } from '../../run/run-trials.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { reportDeadTargets } from '../dead-targets.ts';
import { EXIT } from '../exit-codes.ts';
import { createLimitLog } from '../limit-log.ts';
import type { RunFlags } from '../program.ts';
import { createProgress } from '../progress.ts';
import { readDoneTrials } from '../read-done-trials.ts';
import { openResumedRun, selectionOf } from '../resume-run.ts';
import { applyGate, prepareGate, printGate, withJunit, writeJunit } from '../run-gate.ts';
import { makeRunId, type RunMeta } from '../run-meta.ts';
import { cancelAfterGrace, STOP_GRACE_MS } from '../stop-grace.ts';
import { readVersion } from '../version.ts';
import { dryRunCommand } from '../dry-run-command.ts';
import { describeBudgetStop, prepareBudget } from '../run-budget.ts';
import { batchBudget, batchCache, checkBatchFlags, chunkLimits, describeRunningBatches, prepareBatchClients } from '../batch-mode.ts';
import { batchDir } from '../../run/batch/batch-state.ts';
import { runBatch, type BatchRunOutcome } from '../../run/batch/run-batch.ts';
import type { TrialResult } from '../../run/result.ts';
import { writeOrExplain } from '../write-or-explain.ts';
import { writeReports } from '../write-reports.ts';

export async function runCommand(flags: RunFlags, io: CliIO): Promise<number> {
  const resumed = flags.resume === undefined ? undefined : await openResumedRun(flags, io);
  // A resumed run rebuilds its plan from the selection it began with, in the folder it began in.
  const selection = resumed ? resumed.selection : selectionOf(flags, io.cwd);
  const projectCwd = resumed ? resolve(resumed.dir, resumed.selection.cwd) : io.cwd;
  const project = await loadProject({ cwd: projectCwd, configPath: selection.config, cases: selection.cases, targets: selection.targets, variants: selection.variants });
  const unmatched = unmatchedFilters(project.cases, selection.filter);
  if (unmatched.length > 0) {
    throw new UserError('EMPTY_FILTER', 'bad --filter', unmatched.map((f) => ({ file: '--filter', message: `"${f}" matches no case (terms: id glob, tag:<tag>, type:<answer|question|invalid>)` })));
  }
  const cases = selectCases(project.cases, selection.filter);
  const created = createProviders(project.targets, io.env, project.judge, { requireKeys: flags.offline !== true && flags.dryRun !== true });
  const { redact } = created;
  const budgeted = flags.dryRun ? undefined : prepareBudget(flags, project, created.providers, project.judge && created.judge ? { target: project.judge, provider: created.judge } : undefined);
  const providers = budgeted?.providers ?? created.providers;
  const judgeProvider = budgeted ? budgeted.judge : created.judge;
  const judge = project.judge && judgeProvider ? judgeSetup(project, project.judge, judgeProvider) : undefined;
  const plan = buildPlan({ variants: project.variants, targets: project.targets, cases, repeat: selection.repeat ?? project.config.repeat });
  const batchMode = checkBatchFlags(flags, resumed);
  if (flags.retryErrors && !resumed) throw new UserError('USAGE', '--retry-errors runs again the failed calls of a run: use it with --resume <runDir>');
  if (flags.dryRun) return dryRunCommand(flags, { project, plan, providers, judge, resumed, io });
  const batchClients = batchMode ? await prepareBatchClients(project, io.env, redact) : undefined;
  const gateOptions = await prepareGate(flags, project.config.thresholds, plan.variants.flatMap((v) => plan.targets.map((t) => ({ variant: v.id, target: t.id }))), io);
  const cache = openRunCache({ enabled: flags.cache !== false, offline: flags.offline === true, cacheDir: flags.cacheDir, root: project.root, cwd: io.cwd, env: io.env, warn: (line) => io.stderr(`${line}\n`) });
  // `--offline` checks every call it owes against the cache before anything is written: a miss is exit 2.
  const checkOffline = (trials: readonly Trial[]) =>
    cache?.offline ? checkOfflinePlan(trials, { runId: 'offline-check', providers, judge, rubric: project.config.rubric, retry: retryDeps(redact), cache }) : Promise.resolve();

  const started = io.now();
  const runId = resumed?.meta.runId ?? makeRunId(started);
  const outDir = resumed?.dir ?? (flags.out ? resolve(io.cwd, flags.out) : resolve(project.root, project.config.out, runId));
  const shownOut = relative(io.cwd, outDir) || '.';
  if (!resumed && existsSync(join(outDir, 'results.jsonl'))) throw new UserError('RUN_EXISTS', `${shownOut}: a run is already there; choose another --out, or finish it with --resume ${shownOut}`);
  const meta: RunMeta = {
    runId,
    startedAt: resumed?.meta.startedAt ?? started.toISOString(),
    tool: `subtodo-eval ${readVersion()}`,
    config: project.configFile,
    variants: plan.variants.map((v) => v.id),
    targets: plan.targets.map((t) => ({ id: t.id, provider: t.provider, model: t.model, simulated: t.provider === 'mock' })),
    cases: cases.length,
    caseFiles: project.caseFiles,
    repeat: plan.repeat,
    plannedCalls: plan.trials.length,
    passThreshold: project.config.rubric.passThreshold,
    // Relative to the run folder, so a project moved with its reports can still be resumed.
    selection: { ...selection, cwd: relative(outDir, projectCwd) || '.' },
    ...(batchMode ? { batch: true } : {}),
  };
  if (!resumed) await checkOffline(plan.trials);
  if (!resumed) {
    await writeOrExplain(shownOut, async () => {
      await mkdir(outDir, { recursive: true });
      await writeFile(join(outDir, 'run.json'), `${JSON.stringify(meta, null, 2)}\n`);
    });
  }

  if (!flags.quiet && project.defaultedToMock) {
    io.stderr('No target configured: running on `mock`, a deterministic simulated model (no key needed). Set `targets` in subtodo-eval.yaml or pass --targets openai:<model> for a real one.\n');
  }
  const rows: AggregateRow[] = [];
  const failing = createFailingCollector();
  const junit = flags.junit === undefined ? undefined : createJunitCollector();
  const todo = resumed ? await readDoneTrials(plan.trials, resumed, rows, withJunit(failing, junit), io, { retryErrors: flags.retryErrors === true }) : plan.trials;
  if (resumed) await checkOffline(todo);
  const progress = flags.quiet || batchMode ? undefined : createProgress({ total: plan.trials.length, alreadyDone: plan.trials.length - todo.length, write: io.stderr, tty: io.stderrIsTTY, columns: io.stderrColumns, now: Date.now });
  const results = await writeOrExplain(shownOut, () => openResultsFile(join(outDir, 'results.jsonl')));
  const lastError = new Map<string, string>();
  let outcome: { interrupted: boolean };
  let batchOutcome: BatchRunOutcome | undefined;
  const limitLog = createLimitLog();
  const cancel = cancelAfterGrace(io.stop, io.cancel, io.stopGraceMs ?? STOP_GRACE_MS);
  const onResult = async (result: TrialResult) => {
    await writeOrExplain(shownOut, () => results.append(result));
    rows.push(toAggregateRow(result));
    failing.add(result);
    junit?.add(result);
    if (result.outcome === 'provider_error' && result.error) lastError.set(result.target, result.error.message);
    progress?.onResult(result);
  };
  const maxCost = flags.maxCost ?? project.config.maxCost;
  const spendCap = batchMode && maxCost !== undefined ? batchBudget(maxCost) : undefined;
  const answers = batchClients ? batchCache(cache, outDir, io.env, (line) => io.stderr(`${line}\n`)) : undefined;
  try {
    if (batchClients && answers) {
      outcome = batchOutcome = await runBatch({
        runId,
        rubric: project.config.rubric,
        judge,
        judgeBatched: project.judge !== undefined && project.judge.provider !== 'mock',
        cache: answers,
        retry: retryDeps(redact),
        dir: batchDir(outDir),
        trials: todo,
        clientFor: batchClients,
        limitsFor: chunkLimits(project),
        pollMs: project.config.batch.pollSeconds * 1000,
        stop: io.stop,
        cancel: flags.cancel === true,
        admit: spendCap?.admit,
        onResult,
        onProgress: (line) => {
          if (!flags.quiet) io.stderr(`${line}\n`);
        },
      });
    } else outcome = await runTrials(todo, {
      runId,
      providers,
      judge,
      rubric: project.config.rubric,
      concurrency: flags.concurrency ?? project.config.concurrency,
      retry: retryDeps(redact),
      cache,
      onLimitEvent: limitLog.onEvent,
      stop: anySignal([io.stop, budgeted?.stop]),
      cancel: cancel.signal,
      onResult,
    });
  } finally {
    cancel.dispose();
    cache?.close();
    if (answers !== cache) answers?.close();
    await results.close();
  }
  progress?.finish();
  if (!flags.quiet) for (const line of limitLog.lines()) io.stderr(`${line}\n`);

  const summary = buildSummary(rows, {
    runId,
    startedAt: meta.startedAt,
    finishedAt: io.now().toISOString(),
    complete: !outcome.interrupted && rows.length === plan.trials.length,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
  });
  const gate = gateOptions && applyGate(gateOptions, rows, summary);
  await writeOrExplain(shownOut, () => writeReports({ outDir, summary, failing: failing.list(), io, quiet: flags.quiet === true, json: flags.json === true, color: useColor(io) }));
  if (!flags.quiet && !flags.json) printCostLines(summary.cells, io);
  if (gate) printGate(gate, io, flags.quiet === true);
  if (junit && flags.junit !== undefined) await writeJunit(flags.junit, junit, summary, io);
  if (batchOutcome?.failure !== undefined) {
    io.stderr(`${redact(batchOutcome.failure)}\nWhat finished is kept; try again with: subtodo-eval run --resume ${shownOut}\n`);
    return EXIT.badInput;
  }
  if (batchOutcome?.interrupted) {
    io.stderr(`${describeRunningBatches(batchOutcome.running, shownOut)}\n`);
    return EXIT.interrupted;
  }
  if (spendCap && batchOutcome && batchOutcome.unsent > 0 && flags.cancel !== true) {
    io.stderr(`${spendCap.describe(batchOutcome.unsent, shownOut)}\n`);
    return EXIT.budget;
  }
  if (!batchMode && budgeted?.budget.exhausted && !io.stop?.aborted) {
    io.stderr(`${describeBudgetStop(budgeted.budget, { done: rows.length, planned: plan.trials.length }, shownOut)}\n`);
    return EXIT.budget;
  }
  if (outcome.interrupted) return EXIT.interrupted;
  // Cancelled batches fail every call on purpose: that is no sign of a wrong key or model.
  if (flags.cancel !== true && reportDeadTargets(summary, lastError, io)) return EXIT.badInput;
  return gate?.passed === false ? EXIT.gateFailed : EXIT.ok;
}

/** The judge has its own concurrency limit, apart from the targets under test. */
function judgeSetup(project: Project, target: Target, provider: Provider): JudgeSetup {
  const criterion = project.config.rubric.criteria.find((c) => c.name === 'judge');
  const rubric = criterion?.name === 'judge' ? criterion.rubric : '';
  return { provider, target, rubric, limit: pLimit(target.concurrency ?? project.config.concurrency) };
}

function printCostLines(cells: Summary['cells'], io: CliIO): void {
  const lines = renderCostLines(cells);
  if (lines.length > 0) io.stdout(`\nCost per cell:\n${lines.join('\n')}\n`);
}

function anySignal(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  return live.length <= 1 ? live[0] : AbortSignal.any(live);
}
