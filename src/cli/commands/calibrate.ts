import { relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { z } from 'zod';
import { findCalibration, readCalibrationFile, withCalibration, writeCalibrationFile } from '../../calibrate/calibration-file.ts';
import { measureJudgeAgreement, measurePairAgreement, type JudgedLabel, type JudgedPair } from '../../calibrate/judge-agreement.ts';
import { LabeledPairSchema, type LabeledPair } from '../../calibrate/labeled-pair-schema.ts';
import { LabeledReplySchema, type LabeledReply } from '../../calibrate/labeled-schema.ts';
import { errnoText } from '../../config/read-yaml-file.ts';
import { loadProject, type Project } from '../../config/load-project.ts';
import { loadYamlLists } from '../../config/load-yaml-list.ts';
import type { JudgeConfig } from '../../config/judge-schema.ts';
import { UserError, type Problem } from '../../errors.ts';
import { parseReply, type Reply } from '../../parse/index.ts';
import { renderJudgeCalibration } from '../../report/render-judge-calibration.ts';
import { openRunCache } from '../../run/cache/index.ts';
import { retryDeps } from '../../run/call-deps.ts';
import type { CompleteDeps } from '../../run/complete-once.ts';
import { judgeReply, type JudgeSetup } from '../../run/judge-call.ts';
import { judgePair } from '../../run/pairwise/judge-pair.ts';
import { createProviders } from '../../run/providers/create-providers.ts';
import { acceptedTypes } from '../../score/index.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import type { CalibrateFlags } from '../program.ts';
import { judgeSetupOf } from '../run-judge.ts';


const DEFAULT_LABELED = 'cases/labeled/*.yaml';
const DEFAULT_PAIRS = 'cases/labeled-pairs/*.yaml';

/**
 * `calibrate --judge`: the configured judge grades every labeled reply (as in a run: same rubric,
 * samples and reduction; replies a gate would stop are not sent) and judges every labeled pair in
 * both orders; its agreement with the people who labeled them is printed and stored in the
 * judge's calibration file, which every report of a run with this judge cites.
 */
export async function calibrateCommand(flags: CalibrateFlags, io: CliIO): Promise<number> {
  if (flags.judge !== true) {
    throw new UserError('USAGE', 'calibrate measures the judge with --judge (the rubric\'s own agreement is reported by `calibrate` without it once that lands)');
  }
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config, judgeWithoutCriterion: true });
  const judge = project.judge;
  if (judge === undefined) throw new UserError('USAGE', 'calibrate --judge needs a judge: set `judge:` in the config (e.g. judge: openai:gpt-4.1)');
  const [labeled, pairs] = await Promise.all([
    loadLabeled(flags.labeled, DEFAULT_LABELED, project, io, LabeledReplySchema, 'labeled replies'),
    loadLabeled(flags.pairs, DEFAULT_PAIRS, project, io, LabeledPairSchema, 'labeled pairs'),
  ]);
  const problems = [...labeled.problems, ...pairs.problems];
  if (problems.length > 0) throw new UserError('INVALID_INPUT', 'invalid labeled set', problems);
  if (labeled.items.length === 0 && pairs.items.length === 0) {
    throw new UserError('NO_LABELS', `nothing to calibrate against: no labeled replies (${flags.labeled?.join(', ') ?? DEFAULT_LABELED}) and no labeled pairs (${flags.pairs?.join(', ') ?? DEFAULT_PAIRS})`);
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
      Promise.all(labeled.items.map((item) => judgeLabel(setup, item, deps))),
      Promise.all(pairs.items.map((pair) => judgeLabeledPair(setup, pair, deps))),
    ]);
  } finally {
    cache?.close();
  }
  if (judgedLabels.includes(undefined) || judgedPairs.includes(undefined)) return EXIT.interrupted;

  const replies = labeled.items.length === 0 ? null : measureJudgeAgreement(judgedLabels as JudgedLabel[]);
  const pairAgreement = pairs.items.length === 0 ? null : measurePairAgreement(judgedPairs as JudgedPair[]);
  io.stdout(
    renderJudgeCalibration(
      { judge: judge.target.id, rubricId: judge.rubric.id, rubricFile: judge.rubricFile, samples: samplesOf(judge), labeledFiles: labeled.files.length, pairFiles: pairs.files.length },
      replies,
      pairAgreement,
    ),
  );
  if (provider.simulated) io.stderr('warning: the judge is the simulated `mock`: these figures describe made-up verdicts\n');
  const usable = (replies?.judged ?? 0) + (pairAgreement?.judged ?? 0);
  if (usable === 0) {
    io.stderr(`judge ${judge.target.id}: every verdict failed; nothing stored. Check its API key, model name and base URL, and that it answers in the rubric's JSON.\n`);
    return EXIT.badInput;
  }
  await storeCalibration(judge, replies, pairAgreement, labeled.files, pairs.files, io);
  return EXIT.ok;
}

async function loadLabeled<T extends { id: string }>(given: string[] | undefined, fallback: string, project: Project, io: CliIO, schema: z.ZodType<T>, what: string) {
  const base = given === undefined ? project.root : io.cwd;
  const files = (await glob(given ?? [fallback], { cwd: base, absolute: true, onlyFiles: true, expandDirectories: true })).filter((f) => /\.ya?ml$/i.test(f)).sort();
  const problems: Problem[] = [];
  if (given !== undefined && files.length === 0) problems.push({ file: what === 'labeled pairs' ? '--pairs' : '--labeled', message: `no files match ${given.join(', ')}` });
  const loaded = await loadYamlLists(files, io.cwd, schema, what);
  problems.push(...loaded.problems, ...duplicateIds(loaded.items));
  return { items: loaded.items.map((l) => l.item), files: files.map((f) => relative(io.cwd, f)), problems };
}

function duplicateIds(items: readonly { item: { id: string }; file: string; line: number | undefined }[]): Problem[] {
  const first = new Map<string, string>();
  return items.flatMap(({ item, file, line }) => {
    const where = `${file}:${line ?? '?'}`;
    const seen = first.get(item.id);
    if (seen === undefined) {
      first.set(item.id, where);
      return [];
    }
    return [{ file, ...(line === undefined ? {} : { line }), key: 'id', message: `duplicate id "${item.id}" (first at ${seen})` }];
  });
}

/** As a run would: no parseable reply, or a type the case does not accept, never reaches the judge. */
async function judgeLabel(setup: JudgeSetup, item: LabeledReply, deps: CompleteDeps): Promise<JudgedLabel | undefined> {
  const human = item.human;
  const reply: Reply | null = item.reply !== undefined ? item.reply : item.raw !== undefined ? parseReply(item.raw).reply : null;
  if (reply === null) return { id: item.id, human, judge: { skipped: 'no-reply' } };
  if (!acceptedTypes(item).includes(reply.type)) return { id: item.id, human, judge: { skipped: 'other-type' } };
  const judged = await judgeReply(setup, item, reply, deps, () => ({ purpose: 'judge', variant: 'calibrate', target: setup.target.id, caseId: item.id, repeat: 0 }));
  return judged === undefined ? undefined : { id: item.id, human, judge: { record: judged.record } };
}

async function judgeLabeledPair(setup: JudgeSetup, pair: LabeledPair, deps: CompleteDeps): Promise<JudgedPair | undefined> {
  const judge = { provider: setup.provider, target: setup.target, rubric: setup.config.rubric, temperature: setup.config.temperature, limit: setup.limit };
  const record = await judgePair(judge, { a: 'a', b: 'b', target: setup.target.id, testCase: pair, repeat: 0, replyA: pair.a, replyB: pair.b }, deps);
  if (record === undefined) return undefined;
  const outcome = record.outcome === 'unjudged' ? 'error' : record.outcome;
  return { id: pair.id, prefer: pair.human.prefer, outcome, disagreed: record.disagreed };
}

async function storeCalibration(judge: JudgeConfig, replies: ReturnType<typeof measureJudgeAgreement> | null, pairs: ReturnType<typeof measurePairAgreement> | null, labeledFiles: string[], pairFiles: string[], io: CliIO): Promise<void> {
  const file = await readCalibrationFile(judge.calibrationFile, (line) => io.stderr(`${line}\n`));
  const entry = {
    judge: judge.target.id,
    model: judge.target.model,
    rubricId: judge.rubric.id,
    rubricHash: judge.rubricHash,
    date: io.now().toISOString(),
    labeled: replies === null ? null : { n: replies.judged, accuracy: replies.accuracy, kappa: replies.kappa, spearman: replies.spearman.rho, files: labeledFiles },
    pairs: pairs === null ? null : { n: pairs.judged, agreement: pairs.agreement, files: pairFiles },
  };
  const shown = relative(io.cwd, resolve(judge.calibrationFile)) || judge.calibrationShown;
  try {
    await writeCalibrationFile(judge.calibrationFile, withCalibration(file, entry));
  } catch (e) {
    throw new UserError('CANNOT_WRITE', `${shown}: cannot store the calibration (${errnoText(e)})`);
  }
  const stored = findCalibration(withCalibration(file, entry), { target: entry.judge, model: entry.model, rubricId: entry.rubricId, rubricHash: entry.rubricHash });
  io.stderr(`wrote ${shown}${stored ? ` (reports of runs judged by ${judge.target.id} now cite it)` : ''}\n`);
}

function samplesOf(judge: JudgeConfig): string {
  return judge.repeat === 1 ? `1 sample at temperature ${judge.temperature}` : `${judge.repeat} samples at temperature ${judge.temperature}, ${judge.reduce}`;
}
