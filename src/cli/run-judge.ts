import pLimit from 'p-limit';
import type { JudgeInfo, Summary } from '../aggregate/index.ts';
import { findCalibration, readCalibrationFile } from '../calibrate/calibration-file.ts';
import type { JudgeConfig } from '../config/judge-schema.ts';
import type { Project } from '../config/load-project.ts';
import type { Target } from '../config/target-schema.ts';
import type { JudgeSetup } from '../run/judge-call.ts';
import type { Provider } from '../run/providers/provider.ts';
import type { CliIO } from './cli-io.ts';

/** The judge as the runner uses it: its own concurrency limit, apart from the targets under test. */
export function judgeSetupOf(project: Project, judge: JudgeConfig, provider: Provider): JudgeSetup {
  const criterion = project.config.rubric.criteria.find((c) => c.name === 'judge');
  return {
    provider,
    target: judge.target,
    config: judge,
    extra: criterion?.name === 'judge' ? criterion.rubric : undefined,
    limit: pLimit(judge.target.concurrency ?? project.config.concurrency),
  };
}

/**
 * Who judges this run, for run.json, summary.json and every report: the model, the rubric, the
 * last calibration stored for this judge (null: never calibrated), and the targets that are the
 * same model — a judge grading its own replies may favour them.
 */
export async function describeJudge(judge: JudgeConfig, provider: Provider, targets: readonly Target[], io: CliIO): Promise<JudgeInfo> {
  const file = await readCalibrationFile(judge.calibrationFile, (line) => io.stderr(`${line}\n`));
  const info = { target: judge.target.id, model: judge.target.model, rubricId: judge.rubric.id, rubricHash: judge.rubricHash };
  return {
    target: judge.target.id,
    provider: judge.target.provider,
    model: judge.target.model,
    simulated: provider.simulated,
    rubricFile: judge.rubricFile,
    rubricId: judge.rubric.id,
    rubricHash: judge.rubricHash,
    repeat: judge.repeat,
    reduce: judge.reduce,
    temperature: judge.temperature,
    calibration: findCalibration(file, info),
    sameModelAs: targets.filter((t) => t.provider !== 'mock' && t.model === judge.target.model).map((t) => t.id),
  };
}

/** Said before the first call, so a doubtful judge is known while there is still time to stop. */
export function warnAboutJudge(info: JudgeInfo, io: CliIO): void {
  if (info.sameModelAs.length > 0) {
    io.stderr(`warning: the judge ${info.target} is the same model as target ${info.sameModelAs.join(', ')}: a judge may favour its own replies; prefer a judge from another model family\n`);
  }
  if (info.simulated) io.stderr('warning: the judge is the simulated `mock`: its verdicts are made up, and the run is marked simulated\n');
}

/**
 * A judge whose every verdict failed (a wrong key, model or base URL; a reply it can never get
 * right) graded nothing: say so and fail, as a dead target does, after the reports are written.
 */
export function reportDeadJudge(summary: Summary, lastError: string | undefined, io: CliIO): boolean {
  const judge = summary.judge;
  const pairwise = summary.pairwise ?? [];
  const pairsTried = pairwise.reduce((n, p) => n + p.n + p.errors, 0);
  const pairsFailed = pairwise.reduce((n, p) => n + p.errors, 0);
  const verdictsDead = judge !== undefined && judge.asked > 0 && judge.graded === 0;
  const pairsDead = pairsTried > 0 && pairsFailed === pairsTried;
  if (!verdictsDead && !pairsDead) return false;
  const what = verdictsDead ? `all ${judge?.asked ?? 0} verdicts` : `all ${pairsTried} pairwise verdicts`;
  io.stderr(`judge ${judge?.target ?? ''}: ${what} failed (last: ${lastError ?? 'unknown error'}). Check its API key, model name and base URL, and that it answers in the rubric's JSON.\n`);
  return true;
}
