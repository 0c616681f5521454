import { relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { buildCalibration, type Calibration } from '../calibrate/build-calibration.ts';
import { readCalibrationFile, withCalibration, writeCalibrationFile } from '../calibrate/calibration-file.ts';
import { measurePairAgreement, sortJudgedLabels, type JudgedLabel, type JudgedPair, type JudgeExtras, type PairAgreement } from '../calibrate/judge-agreement.ts';
import { LabeledPairSchema, type LabeledPair } from '../calibrate/labeled-pair-schema.ts';
import type { LabeledReply } from '../calibrate/labeled-schema.ts';
import { loadLabeled } from '../calibrate/load-labeled.ts';
import { renderCalibration } from '../calibrate/render-calibration.ts';
import { renderJudgeHeader, renderPairAgreement } from '../calibrate/render-judge-extras.ts';
import type { JudgeConfig } from '../config/judge-schema.ts';
import { loadProject } from '../config/load-project.ts';
import { loadYamlLists } from '../config/load-yaml-list.ts';
import { errnoText } from '../config/read-yaml-file.ts';
import { UserError, type Problem } from '../errors.ts';
import { describeRecord } from '../judge/index.ts';
import { parseReply, type Reply } from '../parse/index.ts';
import { openRunCache } from '../run/cache/index.ts';
import { retryDeps } from '../run/call-deps.ts';
import type { CompleteDeps } from '../run/complete-once.ts';
import { judgeReply, type JudgeSetup } from '../run/judge-call.ts';
import { judgePair } from '../run/pairwise/judge-pair.ts';
import { createProviders } from '../run/providers/create-providers.ts';
import { acceptedTypes } from '../score/index.ts';
import type { CliIO } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';
import type { CalibrateFlags } from './program.ts';
import { judgeSetupOf } from './run-judge.ts';

const DEFAULT_PAIRS = 'cases/labeled-pairs/*.yaml';

/**
 * `calibrate --judge`: the configured judge grades every labeled reply as in a run (same rubric,
 * samples and reduction; a reply a gate would stop is not sent) and judges every labeled pair in
 * both orders. Its agreement with the people who labeled them is printed like the rubric's (the
 * same table, κ, per failure mode), with Spearman's ρ and the pairs, and stored in the judge's
 * calibration file, which every report of a run with this judge cites.
 */
export async function calibrateJudge(flags: CalibrateFlags, io: CliIO): Promise<number> {
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config, judgeWithoutCriterion: true });
  const judge = project.judge;
  if (judge === undefined) throw new UserError('USAGE', 'calibrate --judge needs a judge: set `judge:` in the config (e.g. judge: openai:gpt-4.1)');
  const labeledGlobs = flags.labeled ?? toList(project.config.labeled);
  const [labeledFiles, pairFiles] = await Promise.all([findFiles(labeledGlobs, flags.labeled ? io.cwd : project.root), findFiles(flags.pairs ?? [DEFAULT_PAIRS], flags.pairs ? io.cwd : project.root)]);
  const problems: Problem[] = [];
  if (flags.pairs && pairFiles.length === 0) problems.push({ file: '--pairs', message: `no files match ${flags.pairs.join(', ')}` });
  const [labeled, pairs] = await Promise.all([loadLabeled(labeledFiles, io.cwd), loadYamlLists(pairFiles, io.cwd, LabeledPairSchema, 'labeled pairs')]);
  problems.push(...labeled.problems, ...pairs.problems, ...duplicateIds(pairs.items));
  if (problems.length > 0) throw new UserError('BAD_LABELED_SET', 'labeled set has mistakes', problems);
  if (labeled.labels.length === 0 && pairs.items.length === 0) {
    throw new UserError('NO_LABELED_SET', 'no labeled set', [{ file: flags.labeled ? '--labeled' : `${project.configFile} › labeled`, message: `no labeled replies (${labeledGlobs.join(', ')}) and no labeled pairs (${flags.pairs?.join(', ') ?? DEFAULT_PAIRS}): nothing to calibrate against` }]);
  }

  const { judge: provider, redact } = createProviders([], io.env, judge.target);
  if (provider === undefined) throw new Error('no judge provider');
  const setup = judgeSetupOf(project, judge, provider);
  const cache = openRunCache({ enabled: flags.cache !== false, offline: false, cacheDir: flags.cacheDir, root: project.root, cwd: io.cwd, env: io.env, warn: (line) => io.stderr(`${line}\n`) });
  const deps: CompleteDeps = { retry: retryDeps(redact), cache, stop: io.stop, cancel: io.cancel };
  let judgedLabels: (JudgedLabel | undefined)[];
  let judgedPairs: (JudgedPair | undefined)[];
  try {
    [judgedLabels, judgedPairs] = await Promise.all([
      Promise.all(labeled.labels.map(({ entry }) => judgeLabel(setup, entry, deps))),
      Promise.all(pairs.items.map(({ item }) => judgeLabeledPair(setup, item, deps))),
    ]);
  } finally {
    cache?.close();
  }
  if (judgedLabels.includes(undefined) || judgedPairs.includes(undefined)) return EXIT.interrupted;

  const shownLabeled = labeledFiles.map((f) => relative(io.cwd, f));
  const shownPairs = pairFiles.map((f) => relative(io.cwd, f));
  const sorted = labeled.labels.length === 0 ? null : sortJudgedLabels(judgedLabels as JudgedLabel[]);
  const calibration = sorted === null ? null : buildCalibration(sorted.judged.map(({ entry, record }) => ({ entry, pass: record.verdict === 'pass', why: describeRecord(record) })));
  const pairAgreement = pairs.items.length === 0 ? null : measurePairAgreement(judgedPairs as JudgedPair[]);
  if (flags.json === true) {
    io.stdout(`${JSON.stringify({ grader: 'judge', judge: judge.target.id, rubricId: judge.rubric.id, labeledFiles: shownLabeled, pairFiles: shownPairs, ...calibration, ...(sorted ? { judgeExtras: sorted.extras } : {}), pairs: pairAgreement }, null, 2)}\n`);
  } else {
    io.stdout(renderJudgeHeader({ judge: judge.target.id, rubricId: judge.rubric.id, rubricFile: judge.rubricFile, samples: samplesOf(judge) }, sorted?.extras ?? null));
    if (calibration) io.stdout(`\n${renderCalibration(calibration, { grader: `The judge ${judge.target.id}`, labeledFiles: shownLabeled, variant: undefined }, { showAll: flags.all === true })}`);
    if (pairAgreement) io.stdout(`\n${renderPairAgreement(pairAgreement, shownPairs)}`);
  }
  if (provider.simulated) io.stderr('warning: the judge is the simulated `mock`: these figures describe made-up verdicts\n');
  if ((calibration?.all.n ?? 0) + (pairAgreement?.judged ?? 0) === 0) {
    io.stderr(`judge ${judge.target.id}: every verdict failed; nothing stored. Check its API key, model name and base URL, and that it answers in the rubric's JSON.\n`);
    return EXIT.badInput;
  }
  await storeCalibration(judge, calibration, sorted?.extras ?? null, pairAgreement, { labeled: shownLabeled, pairs: shownPairs }, io);
  const accuracy = calibration?.all.accuracy ?? null;
  if (flags.minAgreement !== undefined && (accuracy === null || accuracy < flags.minAgreement)) {
    io.stderr(`calibrate --judge: the judge's agreement is ${accuracy === null ? 'unknown' : `${(accuracy * 100).toFixed(1)}%`}, under --min-agreement ${(flags.minAgreement * 100).toFixed(1)}%\n`);
    return EXIT.gateFailed;
  }
  return EXIT.ok;
}

/** As a run would: no parseable reply, or a type the case does not accept, never reaches the judge. */
async function judgeLabel(setup: JudgeSetup, entry: LabeledReply, deps: CompleteDeps): Promise<JudgedLabel | undefined> {
  const reply: Reply | null = entry.reply !== undefined ? entry.reply : entry.raw !== undefined ? parseReply(entry.raw).reply : null;
  if (reply === null) return { entry, judge: { skipped: 'no-reply' } };
  if (!acceptedTypes(entry).includes(reply.type)) return { entry, judge: { skipped: 'other-type' } };
  const judged = await judgeReply(setup, entry, reply, deps, () => ({ purpose: 'judge', variant: 'calibrate', target: setup.target.id, caseId: entry.id, repeat: 0 }));
  return judged === undefined ? undefined : { entry, judge: { record: judged.record } };
}

async function judgeLabeledPair(setup: JudgeSetup, pair: LabeledPair, deps: CompleteDeps): Promise<JudgedPair | undefined> {
  const judge = { provider: setup.provider, target: setup.target, rubric: setup.config.rubric, temperature: setup.config.temperature, limit: setup.limit };
  const record = await judgePair(judge, { a: 'a', b: 'b', target: setup.target.id, testCase: pair, repeat: 0, replyA: pair.a, replyB: pair.b }, deps);
  if (record === undefined) return undefined;
  return { id: pair.id, prefer: pair.human.prefer, outcome: record.outcome === 'unjudged' ? 'error' : record.outcome, disagreed: record.disagreed };
}

async function storeCalibration(
  judge: JudgeConfig,
  calibration: Calibration | null,
  extras: JudgeExtras | null,
  pairs: PairAgreement | null,
  files: { labeled: string[]; pairs: string[] },
  io: CliIO,
): Promise<void> {
  const file = await readCalibrationFile(judge.calibrationFile, (line) => io.stderr(`${line}\n`));
  const entry = {
    judge: judge.target.id,
    model: judge.target.model,
    rubricId: judge.rubric.id,
    rubricHash: judge.rubricHash,
    date: io.now().toISOString(),
    labeled: calibration === null ? null : { n: calibration.all.n, accuracy: calibration.all.accuracy, kappa: calibration.all.kappa, spearman: extras?.spearman.rho ?? null, files: files.labeled },
    pairs: pairs === null ? null : { n: pairs.judged, agreement: pairs.agreement, files: files.pairs },
  };
  const shown = relative(io.cwd, resolve(judge.calibrationFile)) || judge.calibrationShown;
  try {
    await writeCalibrationFile(judge.calibrationFile, withCalibration(file, entry));
  } catch (e) {
    throw new UserError('CANNOT_WRITE', `${shown}: cannot store the calibration (${errnoText(e)})`);
  }
  io.stderr(`wrote ${shown}: reports of runs judged by ${judge.target.id} cite it\n`);
}

async function findFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  return (await glob([...patterns], { cwd, absolute: true, onlyFiles: true })).filter((f) => /\.ya?ml$/i.test(f)).sort();
}

function duplicateIds(items: readonly { item: { id: string }; file: string; line: number | undefined }[]): Problem[] {
  const first = new Map<string, string>();
  return items.flatMap(({ item, file, line }) => {
    const seen = first.get(item.id);
    if (seen === undefined) {
      first.set(item.id, `${file}:${line ?? '?'}`);
      return [];
    }
    return [{ file, ...(line === undefined ? {} : { line }), key: 'id', message: `duplicate id "${item.id}" (first at ${seen})` }];
  });
}

function samplesOf(judge: JudgeConfig): string {
  return judge.repeat === 1 ? `1 sample at temperature ${judge.temperature}` : `${judge.repeat} samples at temperature ${judge.temperature}, ${judge.reduce}`;
}

function toList(globs: string | string[]): string[] {
  return typeof globs === 'string' ? [globs] : globs;
}
