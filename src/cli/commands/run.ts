import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildSummary, toAggregateRow, type AggregateRow, type PairwiseSummary } from '../../aggregate/index.ts';
import { loadProject } from '../../config/load-project.ts';
import { UserError } from '../../errors.ts';
import { buildPlan, type Trial } from '../../plan/build-plan.ts';
import { selectCases, unmatchedFilters } from '../../plan/select-cases.ts';
import { createFailingCollector, type FailingCollector } from '../../report/index.ts';
import { createJunitCollector } from '../../report/junit-collector.ts';
import { checkOfflinePlan, openRunCache } from '../../run/cache/index.ts';
import { retryDeps } from '../../run/call-deps.ts';
import { createProviders } from '../../run/providers/create-providers.ts';
import { openResultsFile } from '../../run/results-file.ts';
import { runTrials } from '../../run/run-trials.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { reportDeadTargets } from '../dead-targets.ts';
import { EXIT } from '../exit-codes.ts';
import { createLimitLog } from '../limit-log.ts';
import type { RunFlags } from '../program.ts';
import { createProgress } from '../progress.ts';
import { readDoneTrials } from '../read-done-trials.ts';
import { describeJudge, judgeSetupOf, reportDeadJudge, warnAboutJudge } from '../run-judge.ts';
import { choosePairs, createReplyKeeper, runPairwiseStage, type ReplyKeeper } from '../run-pairwise.ts';
import { openResumedRun, selectionOf } from '../resume-run.ts';
import { applyGate, prepareGate, printGate, withJunit, writeJunit } from '../run-gate.ts';
import { makeRunId, type RunMeta } from '../run-meta.ts';
import { cancelAfterGrace, STOP_GRACE_MS } from '../stop-grace.ts';
import { readVersion } from '../version.ts';
import { writeOrExplain } from '../write-or-explain.ts';
import { writeReports } from '../write-reports.ts';

export async function runCommand(flags: RunFlags, io: CliIO): Promise<number> {
  const resumed = flags.resume === undefined ? undefined : await openResumedRun(flags, io);
  // A resumed run rebuilds its plan from the selection it began with, in the folder it began in.
  const selection = resumed ? resumed.selection : selectionOf(flags, io.cwd);
  const projectCwd = resumed ? resolve(resumed.dir, resumed.selection.cwd) : io.cwd;
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
  const { providers, judge: judgeProvider, redact } = createProviders(project.targets, io.env, project.judge?.target, { requireKeys: flags.offline !== true });
  const judge = project.judge && judgeProvider ? judgeSetupOf(project, project.judge, judgeProvider) : undefined;
  const plan = buildPlan({ variants: project.variants, targets: project.targets, cases, repeat: selection.repeat ?? project.config.repeat });
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
    ...(judgeInfo ? { judge: judgeInfo } : {}),
    // Relative to the run folder, so a project moved with its reports can still be resumed.
    selection: { ...selection, cwd: relative(outDir, projectCwd) || '.' },
  };
  if (!resumed) await checkOffline(plan.trials);
  if (!resumed) {
    await writeOrExplain(shownOut, async () => {
      await mkdir(outDir, { recursive: true });
      await writeFile(join(outDir, 'run.json'), `${JSON.stringify(meta, null, 2)}\n`);
    });
  }

  if (judgeInfo) warnAboutJudge(judgeInfo, io);
  if (!flags.quiet && project.defaultedToMock) {
    io.stderr('No target configured: running on `mock`, a deterministic simulated model (no key needed). Set `targets` in subtodo-eval.yaml or pass --targets openai:<model> for a real one.\n');
  }
  const rows: AggregateRow[] = [];
  const failing = createFailingCollector();
  const junit = flags.junit === undefined ? undefined : createJunitCollector();
  const replies = createReplyKeeper(pairs);
  const todo = resumed ? await readDoneTrials(plan.trials, resumed, rows, withReplies(withJunit(failing, junit), replies), io) : plan.trials;
  if (resumed) await checkOffline(todo);
  const progress = flags.quiet ? undefined : createProgress({ total: plan.trials.length, alreadyDone: plan.trials.length - todo.length, write: io.stderr, tty: io.stderrIsTTY, columns: io.stderrColumns, now: Date.now });
  const results = await writeOrExplain(shownOut, () => openResultsFile(join(outDir, 'results.jsonl')));
  const lastError = new Map<string, string>();
  let lastJudgeError: string | undefined;
  let outcome: { interrupted: boolean };
  let pairwise: PairwiseSummary[] | undefined;
  const limitLog = createLimitLog();
  const cancel = cancelAfterGrace(io.stop, io.cancel, io.stopGraceMs ?? STOP_GRACE_MS);
  try {
    outcome = await runTrials(todo, {
      runId,
      providers,
      judge,
      rubric: project.config.rubric,
      concurrency: flags.concurrency ?? project.config.concurrency,
      retry: retryDeps(redact),
      cache,
      onLimitEvent: limitLog.onEvent,
      stop: io.stop,
      cancel: cancel.signal,
      onResult: async (result) => {
        await writeOrExplain(shownOut, () => results.append(result));
        rows.push(toAggregateRow(result));
        failing.add(result);
        junit?.add(result);
        replies.add(result);
        if (result.outcome === 'provider_error' && result.error) lastError.set(result.target, result.error.message);
        if (result.judge?.verdict === 'error') lastJudgeError = result.judge.error;
        progress?.onResult(result);
      },
    });
    await results.close();
    progress?.finish();
    if (!outcome.interrupted && pairs.length > 0 && judge) {
      if (!flags.quiet) io.stderr(`pairwise: judging ${pairs.map(([a, b]) => `${a} vs ${b}`).join(', ')} in both orders…\n`);
      // After the trials, under the judge's own concurrency and retries (its rpm/tpm pacing is the trials' alone).
      const stage = await runPairwiseStage({
        pairs,
        targets: plan.targets.map((t) => t.id),
        cases,
        repeat: plan.repeat,
        replies,
        judge: { provider: judge.provider, target: judge.target, rubric: judge.config.rubric, temperature: judge.config.temperature, limit: judge.limit },
        deps: { retry: retryDeps(redact), cache, stop: io.stop, cancel: cancel.signal },
        file: join(outDir, 'pairwise.jsonl'),
      });
      pairwise = stage.summaries;
      lastJudgeError ??= stage.lastError;
      if (stage.interrupted) outcome = { interrupted: true };
    }
  } finally {
    cancel.dispose();
    cache?.close();
    await results.close();
  }
  if (!flags.quiet) for (const line of limitLog.lines()) io.stderr(`${line}\n`);

  const summary = buildSummary(rows, {
    runId,
    startedAt: meta.startedAt,
    finishedAt: io.now().toISOString(),
    complete: !outcome.interrupted && rows.length === plan.trials.length,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
    judge: judgeInfo,
  });
  if (pairwise) summary.pairwise = pairwise;
  const gate = gateOptions && applyGate(gateOptions, rows, summary);
  await writeOrExplain(shownOut, () => writeReports({ outDir, summary, failing: failing.list(), io, quiet: flags.quiet === true, json: flags.json === true, color: useColor(io) }));
  if (gate) printGate(gate, io, flags.quiet === true, summary.simulated);
  if (junit && flags.junit !== undefined) await writeJunit(flags.junit, junit, summary, io);
  if (outcome.interrupted) return EXIT.interrupted;
  const deadTargets = reportDeadTargets(summary, lastError, io);
  const deadJudge = reportDeadJudge(summary, lastJudgeError, io);
  if (deadTargets || deadJudge) return EXIT.badInput;
  return gate?.passed === false ? EXIT.gateFailed : EXIT.ok;
}

/** A resumed run's earlier results feed the pairwise comparisons as they feed the failing cases. */
function withReplies(failing: FailingCollector, replies: ReplyKeeper): FailingCollector {
  return {
    add: (result) => {
      failing.add(result);
      replies.add(result);
    },
    list: () => failing.list(),
  };
}
