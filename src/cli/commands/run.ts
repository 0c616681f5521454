import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildSummary, toAggregateRow, type AggregateRow } from '../../aggregate/index.ts';
import { loadProject } from '../../config/load-project.ts';
import { UserError } from '../../errors.ts';
import { buildPlan } from '../../plan/build-plan.ts';
import { selectCases } from '../../plan/select-cases.ts';
import { callDeps } from '../../run/call-deps.ts';
import { createProviders } from '../../run/providers/create-providers.ts';
import type { TrialResult } from '../../run/result.ts';
import { openResultsFile } from '../../run/results-file.ts';
import { runTrials } from '../../run/run-trials.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import type { RunFlags } from '../program.ts';
import { createProgress } from '../progress.ts';
import { makeRunId, type RunMeta } from '../run-meta.ts';
import { VERSION } from '../program.ts';
import { writeReports } from '../write-reports.ts';

export async function runCommand(flags: RunFlags, io: CliIO): Promise<number> {
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config, cases: flags.cases, targets: flags.targets, variants: flags.variants });
  const cases = selectCases(project.cases, flags.filter);
  if (cases.length === 0) throw new UserError('EMPTY_SELECTION', `--filter ${flags.filter?.join(',')}: matches no case`);
  const judgeTarget = project.judge;
  const { providers, redact } = createProviders(judgeTarget ? [...project.targets, judgeTarget] : project.targets, io.env);
  const plan = buildPlan({ variants: project.variants, targets: project.targets, cases, repeat: flags.repeat ?? project.config.repeat });

  const started = io.now();
  const runId = makeRunId(started);
  const outDir = flags.out ? resolve(io.cwd, flags.out) : resolve(project.root, project.config.out, runId);
  const resultsPath = join(outDir, 'results.jsonl');
  if (existsSync(resultsPath)) throw new UserError('RUN_EXISTS', `${relative(io.cwd, resultsPath)}: a run is already there; choose another --out`);
  await mkdir(outDir, { recursive: true });
  const meta: RunMeta = {
    runId,
    startedAt: started.toISOString(),
    tool: `subtodo-eval ${VERSION}`,
    config: project.configFile,
    variants: plan.variants.map((v) => v.id),
    targets: plan.targets.map((t) => ({ id: t.id, provider: t.provider, model: t.model, simulated: t.provider === 'mock' })),
    cases: cases.length,
    caseFiles: project.caseFiles,
    repeat: plan.repeat,
    plannedCalls: plan.trials.length,
    passThreshold: project.config.rubric.passThreshold,
  };
  await writeFile(join(outDir, 'run.json'), `${JSON.stringify(meta, null, 2)}\n`);

  if (!flags.quiet && project.defaultedToMock) {
    io.stderr('No target configured: running on `mock`, a deterministic simulated model (no key needed). Set `targets` in subtodo-eval.yaml or pass --targets openai:<model> for a real one.\n');
  }
  const progress = flags.quiet ? undefined : createProgress({ total: plan.trials.length, write: io.stderr, tty: io.stderrIsTTY, now: Date.now });
  const results = await openResultsFile(resultsPath);
  const rows: AggregateRow[] = [];
  const failing: TrialResult[] = [];
  let outcome: { interrupted: boolean };
  try {
    outcome = await runTrials(plan.trials, {
      runId,
      providers,
      judge: judgeTarget ? { provider: providers.get(judgeTarget.id)!, target: judgeTarget, rubric: judgeRubric(project.config.rubric.criteria) } : undefined,
      rubric: project.config.rubric,
      concurrency: flags.concurrency ?? project.config.concurrency,
      ...callDeps(redact),
      signal: io.signal,
      onResult: async (result) => {
        await results.append(result);
        rows.push(toAggregateRow(result));
        if (result.pass === false || result.outcome === 'provider_error') failing.push(result);
        progress?.onResult(result);
      },
    });
  } finally {
    await results.close();
  }
  progress?.finish();

  const summary = buildSummary(rows, {
    runId,
    startedAt: meta.startedAt,
    finishedAt: io.now().toISOString(),
    complete: !outcome.interrupted && rows.length === plan.trials.length,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
  });
  await writeReports({ outDir, summary, failing, io, quiet: flags.quiet === true, json: flags.json === true, color: useColor(io) });
  return outcome.interrupted ? EXIT.interrupted : EXIT.ok;
}

function judgeRubric(criteria: { name: string; rubric?: string }[]): string {
  return criteria.find((c) => c.name === 'judge')?.rubric ?? '';
}
