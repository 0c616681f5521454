import { join, relative, resolve } from 'node:path';
import { buildSummary, toAggregateRow, type AggregateRow, type JudgeInfo, type PairwiseSummary, type Summary } from '../../aggregate/index.ts';
import type { RubricCalibration } from '../../aggregate/summary-types.ts';
import { calibrateRubric, summarizeCalibration } from '../../calibrate/calibrate-rubric.ts';
import { loadProject, type Project } from '../../config/load-project.ts';
import type { Target } from '../../config/target-schema.ts';
import { UserError } from '../../errors.ts';
import { buildPlan, type Plan, type Trial } from '../../plan/build-plan.ts';
import { hashTrialIds } from '../../plan/plan-hash.ts';
import { selectCases, unmatchedFilters } from '../../plan/select-cases.ts';
import { createFailingCollector } from '../../report/index.ts';
import { createJunitCollector } from '../../report/junit-collector.ts';
import { lockRunFolder, openResultsWriter, type TrialResult } from '../../results/index.ts';
import type { ResponseCache } from '../../run/cache/index.ts';
import { checkOfflinePlan, openRunCache } from '../../run/cache/index.ts';
import { retryDeps } from '../../run/call-deps.ts';
import { createProviders } from '../../run/providers/create-providers.ts';
import type { Provider } from '../../run/providers/provider.ts';
import type { JudgeSetup } from '../../run/run-trial.ts';
import { runTrials } from '../../run/run-trials.ts';
import type { GateOptions } from '../../compare/evaluate-gate.ts';
import { terminalLine } from '../../text/terminal-text.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { reportDeadTargets } from '../dead-targets.ts';
import { EXIT } from '../exit-codes.ts';
import { createLimitLog } from '../limit-log.ts';
import type { RunFlags } from '../program.ts';
import { createProgress } from '../progress.ts';
import { readDoneTrials } from '../read-done-trials.ts';
import { openResumedRun, selectionOf, type ResumedRun } from '../resume-run.ts';
import { createRunFolder } from '../run-folder.ts';
import { describeJudge, judgeSetupOf, reportDeadJudge, warnAboutJudge } from '../run-judge.ts';
import { choosePairs, createReplyKeeper, runPairwiseStage } from '../run-pairwise.ts';
import { applyGate, prepareGate, printGate, writeJunit } from '../run-gate.ts';
import { makeRunId, type RunMeta } from '../run-meta.ts';
import { cancelAfterGrace, STOP_GRACE_MS } from '../stop-grace.ts';
import { readVersion } from '../version.ts';
import { batchBudget, batchCache, checkBatchFlags, chunkLimits, describeRunningBatches, prepareBatchClients } from '../batch-mode.ts';
import { dryRunCommand } from '../dry-run-command.ts';
import { describeBudgetStop, prepareBudget, type RunBudget } from '../run-budget.ts';
import { renderCostLines } from '../../report/render-cost.ts';
import type { BatchClient } from '../../run/batch/batch-client.ts';
import { batchDir } from '../../run/batch/batch-state.ts';
import { runBatch, type BatchRunOutcome } from '../../run/batch/run-batch.ts';
import { writeOrExplain } from '../write-or-explain.ts';
import { writeReports } from '../write-reports.ts';
import { promptsOfTrials } from '../run-prompts.ts';
import { buildViewModel } from '../../view/model/build-view-model.ts';
import { createViewCollector } from '../../view/model/view-collector.ts';

export async function runCommand(flags: RunFlags, io: CliIO): Promise<number> {
  if (flags.retryErrors === true && flags.resume === undefined) {
    throw new UserError('USAGE', '--retry-errors runs again the provider errors of a stored run: use it with --resume <runDir>');
  }
  const resumed = flags.resume === undefined ? undefined : await openResumedRun(flags, io);
  // A resumed run rebuilds its plan from the selection it began with, in the folder it began in.
  const selection = resumed ? resumed.selection : selectionOf(flags, io.cwd);
  const projectCwd = resumed ? resumed.projectCwd : io.cwd;
  const project = await loadProject({
    cwd: projectCwd,
    configPath: selection.config,
    cases: selection.cases,
    targets: selection.targets,
    variants: selection.variants,
    judgeWithoutCriterion: selection.pairwise !== undefined,
  });
  const unmatched = unmatchedFilters(project.cases, selection.filter);
  if (unmatched.length > 0) {
    throw new UserError('EMPTY_FILTER', 'bad --filter', unmatched.map((f) => ({ file: '--filter', message: `"${f}" matches no case (terms: id glob, tag:<tag>, type:<answer|question|invalid>)` })));
  }
  const cases = selectCases(project.cases, selection.filter);
  const created = createProviders(project.targets, io.env, project.judge?.target, { requireKeys: flags.offline !== true && flags.dryRun !== true });
  const { redact } = created;
  const budgeted = flags.dryRun ? undefined : prepareBudget(flags, project, created.providers, project.judge && created.judge ? { target: project.judge.target, provider: created.judge } : undefined);
  const providers = budgeted?.providers ?? created.providers;
  const judgeProvider = budgeted ? budgeted.judge : created.judge;
  const judge = project.judge && judgeProvider ? judgeSetupOf(project, project.judge, judgeProvider) : undefined;
  const plan = buildPlan({ variants: project.variants, targets: project.targets, cases, repeat: selection.repeat ?? project.config.repeat });
  const batchMode = checkBatchFlags(flags, resumed);
  if (flags.dryRun) return dryRunCommand(flags, { project, plan, providers, judge, resumed, io });
  const batchClients = batchMode ? await prepareBatchClients(project, io.env, redact) : undefined;
  const pairs = choosePairs(selection.pairwise, project.judge?.pairwise ?? [], plan.variants.map((v) => v.id), judge !== undefined, (line) => io.stderr(`${line}\n`));
  const judgeInfo = project.judge && judgeProvider ? await describeJudge(project.judge, judgeProvider, plan.targets, io) : undefined;
  const gateOptions = await prepareGate(flags, project.config.thresholds, plan.variants.flatMap((v) => plan.targets.map((t) => ({ variant: v.id, target: t.id }))), io);
  const cache = openRunCache({ enabled: flags.cache !== false, offline: flags.offline === true, cacheDir: flags.cacheDir, root: project.root, cwd: io.cwd, env: io.env, warn: (line) => io.stderr(`${line}\n`) });
  // `--offline` checks every call it owes against the cache before anything is written: a miss is exit 2.
  const checkOffline = (trials: readonly Trial[]) =>
    cache?.offline ? checkOfflinePlan(trials, { runId: 'offline-check', providers, judge, rubric: project.config.rubric, retry: retryDeps(redact), cache }) : Promise.resolve();

  const started = io.now();
  const runId = resumed?.meta.runId ?? makeRunId(started);
  const outDir = resumed?.dir ?? (flags.out ? resolve(io.cwd, flags.out) : resolve(project.root, project.config.out, runId));
  const shownOut = relative(io.cwd, outDir) || '.';
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
    ...(judgeInfo ? { judge: judgeInfo } : {}),
    // Relative to the run folder, so a project moved with its reports can still be resumed.
    selection: { ...selection, cwd: relative(outDir, projectCwd) || '.' },
    planHash: hashTrialIds(plan.trials.map((t) => t.trialId)),
    ...(batchMode ? { batch: true } : {}),
  };
  try {
    if (!resumed) await checkOffline(plan.trials);
    const lock = resumed ? await writeOrExplain(shownOut, () => lockRunFolder(outDir, shownOut)) : await createRunFolder(outDir, shownOut, meta, io.cwd);
    try {
      return await runLocked({ flags, io, project, plan, meta, outDir, shownOut, resumed, providers, judge, judgeInfo, pairs, redact, cache, gateOptions, checkOffline, budgeted, batchClients });
    } finally {
      await lock.release();
    }
  } finally {
    // Closed once the calls end too; here also when the run stops before them (a lock held, a changed plan).
    cache?.close();
  }
}

interface LockedRun {
  flags: RunFlags;
  io: CliIO;
  project: Project;
  plan: Plan;
  meta: RunMeta;
  outDir: string;
  shownOut: string;
  resumed: ResumedRun | undefined;
  providers: ReadonlyMap<string, Provider>;
  judge: JudgeSetup | undefined;
  judgeInfo: JudgeInfo | undefined;
  /** Variant pairs the judge compares head to head after the trials. */
  pairs: [string, string][];
  redact: (text: string) => string;
  cache: ResponseCache | undefined;
  gateOptions: GateOptions | undefined;
  checkOffline: (trials: readonly Trial[]) => Promise<void>;
  /** `--max-cost` on live calls: the providers above are already wrapped. */
  budgeted: RunBudget | undefined;
  /** `--batch`: the calls go through the providers' batch APIs (src/run/batch/). */
  batchClients: ((target: Target) => BatchClient) | undefined;
}

/** The calls and the reports, with the run folder locked to this process. */
async function runLocked(run: LockedRun): Promise<number> {
  const { flags, io, project, plan, meta, outDir, shownOut, resumed, cache, judge, pairs } = run;
  if (run.judgeInfo) warnAboutJudge(run.judgeInfo, io);
  if (!flags.quiet && project.defaultedToMock) {
    io.stderr('No target configured: running on `mock`, a deterministic simulated model (no key needed). Set `targets` in subtodo-eval.yaml or pass --targets openai:<model> for a real one.\n');
  }
  const rows: AggregateRow[] = [];
  const failing = createFailingCollector(flags.all === true ? Infinity : undefined, { providerErrors: false });
  const viewCollector = createViewCollector();
  const junit = flags.junit === undefined ? undefined : createJunitCollector();
  const replies = createReplyKeeper(pairs);
  let lastJudgeError: string | undefined;
  const count = (result: TrialResult) => {
    rows.push(toAggregateRow(result));
    failing.add(result);
    viewCollector.add(result);
    junit?.add(result);
    replies.add(result);
    if (result.judge?.verdict === 'error') lastJudgeError = result.judge.error;
  };
  const resumeState = resumed ? await readDoneTrials(plan.trials, resumed, flags.retryErrors === true, count, io) : undefined;
  const todo = resumeState?.todo ?? plan.trials;
  if (resumed) await run.checkOffline(todo);
  const { budgeted, batchClients } = run;
  // A batch run shows the providers' own counts instead of a bar.
  const progress = flags.quiet || batchClients ? undefined : createProgress({ total: plan.trials.length, alreadyDone: plan.trials.length - todo.length, perTarget: countByTarget(todo), write: io.stderr, tty: io.stderrIsTTY, columns: io.stderrColumns, now: Date.now });
  // After Ctrl-C the bar stops drawing, so nothing overwrites the notice or what follows it.
  io.stop?.addEventListener('abort', () => progress?.finish(), { once: true });
  const results = await writeOrExplain(shownOut, () => openResultsWriter(join(outDir, 'results.jsonl')));
  const lastError = new Map<string, string>();
  let outcome: { interrupted: boolean };
  let batchOutcome: BatchRunOutcome | undefined;
  let pairwise: PairwiseSummary[] | undefined;
  const limitLog = createLimitLog();
  const cancel = cancelAfterGrace(io.stop, io.cancel, io.stopGraceMs ?? STOP_GRACE_MS);
  const onResult = async (result: TrialResult) => {
    const written = await writeOrExplain(shownOut, () => results.append(result));
    resumeState?.retrying.delete(written.trialId);
    count(written);
    if (written.outcome === 'provider_error' && written.error) lastError.set(written.target, written.error.message);
    progress?.onResult(written);
  };
  const maxCost = flags.maxCost ?? project.config.maxCost;
  const spendCap = batchClients && maxCost !== undefined ? batchBudget(maxCost) : undefined;
  const answers = batchClients ? batchCache(cache, outDir, io.env, (line) => io.stderr(`${line}\n`)) : undefined;
  try {
    if (batchClients && answers) {
      outcome = batchOutcome = await runBatch({
        runId: meta.runId,
        rubric: project.config.rubric,
        judge: run.judge,
        judgeBatched: project.judge !== undefined && project.judge.target.provider !== 'mock',
        cache: answers,
        retry: retryDeps(run.redact),
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
          if (!flags.quiet) io.stderr(`${terminalLine(line)}\n`);
        },
      });
    } else outcome = await runTrials(todo, {
      runId: meta.runId,
      providers: run.providers,
      judge: run.judge,
      rubric: project.config.rubric,
      concurrency: flags.concurrency ?? project.config.concurrency,
      retry: retryDeps(run.redact),
      cache,
      onLimitEvent: limitLog.onEvent,
      stop: anySignal([io.stop, budgeted?.stop]),
      cancel: cancel.signal,
      onResult,
    });
    progress?.finish();
    if (!outcome.interrupted && pairs.length > 0 && judge) {
      if (!flags.quiet) io.stderr(`pairwise: judging ${pairs.map(([a, b]) => `${a} vs ${b}`).join(', ')} in both orders…\n`);
      // After the trials, under the judge's own concurrency and retries (its rpm/tpm pacing is the trials' alone).
      const stage = await runPairwiseStage({
        pairs,
        targets: plan.targets.map((t) => t.id),
        cases: plan.cases,
        repeat: plan.repeat,
        replies,
        judge: { provider: judge.provider, target: judge.target, rubric: judge.config.rubric, temperature: judge.config.temperature, limit: judge.limit },
        deps: { retry: retryDeps(run.redact), cache, stop: io.stop, cancel: cancel.signal },
        file: join(outDir, 'pairwise.jsonl'),
      });
      pairwise = stage.summaries;
      lastJudgeError ??= stage.lastError;
      if (stage.interrupted) outcome = { interrupted: true };
    }
  } finally {
    cancel.dispose();
    cache?.close();
    if (answers !== cache) answers?.close();
    await results.close();
  }
  // Provider errors not run again before an interruption still count, as their lines still say.
  for (const result of resumeState?.retrying.values() ?? []) count(result);
  progress?.finish();
  if (!flags.quiet) for (const line of limitLog.lines()) io.stderr(`${terminalLine(line)}\n`);

  const summary = buildSummary(rows, {
    runId: meta.runId,
    startedAt: meta.startedAt,
    finishedAt: io.now().toISOString(),
    complete: !outcome.interrupted && rows.length === plan.trials.length,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
    minEffect: flags.minEffect ?? project.config.thresholds.minEffect,
    judge: run.judgeInfo,
  });
  if (pairwise) summary.pairwise = pairwise;
  const calibration = await calibrationOf(project, io);
  if (calibration) summary.rubricCalibration = calibration;
  const gate = run.gateOptions && applyGate(run.gateOptions, rows, summary);
  const view = buildViewModel(summary, viewCollector.collected(), { plannedCalls: plan.trials.length, repeat: plan.repeat }, promptsOfTrials(plan.trials));
  await writeOrExplain(shownOut, () => writeReports({ outDir, summary, view, failing: failing.list(), all: flags.all === true, io, quiet: flags.quiet === true, json: flags.json === true, color: useColor(io) }));
  if (!flags.quiet && !flags.json) printCostLines(summary.cells, io);
  if (gate) printGate(gate, io, flags.quiet === true, summary.simulated);
  if (junit && flags.junit !== undefined) await writeJunit(flags.junit, junit, summary, io);
  // Scripts read the folder from stdout; --json already printed the summary there.
  if (flags.quiet && !flags.json) io.stdout(`${shownOut}\n`);
  if (batchOutcome?.failure !== undefined) {
    io.stderr(`${terminalLine(run.redact(batchOutcome.failure))}\nWhat finished is kept; try again with: subtodo-eval run --resume ${shownOut}\n`);
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
  if (!batchClients && budgeted?.budget.exhausted && !io.stop?.aborted) {
    io.stderr(`${describeBudgetStop(budgeted.budget, { done: rows.length, planned: plan.trials.length }, shownOut)}\n`);
    return EXIT.budget;
  }
  if (outcome.interrupted) {
    // The last thing on screen: how far it got and the exact command that finishes it.
    io.stderr(`Interrupted after ${rows.length} of ${plan.trials.length} calls; results so far are in ${shownOut}. Finish the run with:\n  subtodo-eval run --resume ${shownOut}\n`);
    return EXIT.interrupted;
  }
  // Cancelled batches fail every call on purpose: that is no sign of a wrong key or model.
  const deadTargets = flags.cancel !== true && reportDeadTargets(summary, lastError, io);
  const deadJudge = reportDeadJudge(summary, lastJudgeError, io);
  if (deadTargets || deadJudge) return EXIT.badInput;
  return gate?.passed === false ? EXIT.gateFailed : EXIT.ok;
}

/**
 * The rubric's agreement with the project's labeled set, for report.md to cite. A labeled set with
 * mistakes does not stop a run: it is named on one line and left out.
 */
async function calibrationOf(project: Project, io: CliIO): Promise<RubricCalibration | undefined> {
  const labeled = project.config.labeled;
  const run = await calibrateRubric({ patterns: typeof labeled === 'string' ? [labeled] : labeled, base: project.root, cwd: io.cwd, rubric: project.config.rubric, variants: project.variants });
  if (run === null) return undefined;
  if (run.problems.length > 0) {
    io.stderr(`labeled set: ${run.problems.length} mistake(s), so report.md cites no rubric agreement; see \`subtodo-eval calibrate\`\n`);
    return undefined;
  }
  return summarizeCalibration(run);
}

/** Calls still to make per target: the progress bar's ETA follows the slowest target. */
function countByTarget(trials: readonly Trial[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of trials) counts.set(t.target.id, (counts.get(t.target.id) ?? 0) + 1);
  return counts;
}

function printCostLines(cells: Summary['cells'], io: CliIO): void {
  const lines = renderCostLines(cells);
  if (lines.length > 0) io.stdout(`\nCost per cell:\n${lines.join('\n')}\n`);
}

function anySignal(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  return live.length <= 1 ? live[0] : AbortSignal.any(live);
}
