import { relative, resolve } from 'node:path';
import { packageRoot } from '../package-root.ts';
import type { Problem } from '../errors.ts';
import { JudgeRubricSchema, type JudgeRubric } from '../judge/judge-rubric-schema.ts';
import { contentHash } from '../plan/content-hash.ts';
import type { JudgeConfig, JudgeSpec } from './judge-schema.ts';
import { parseTarget } from './parse-target.ts';
import { readYamlFile } from './read-yaml-file.ts';
import { validateSource } from './validate-source.ts';

/** The rubric that ships with the tool, used when `judge.rubric` names none. */
export const DEFAULT_JUDGE_RUBRIC = resolve(packageRoot(), 'prompts/judge/rubric.ko.yaml');
/** How the shipped rubric is named in messages and reports. */
export const DEFAULT_JUDGE_RUBRIC_SHOWN = '(built-in) prompts/judge/rubric.ko.yaml';

/**
 * `judge:` in any of its forms → the judge's target, its rubric file read and validated (every
 * mistake located in that file), and its sampling. Problems are pushed, not thrown, so they are
 * reported with the rest of the project's.
 */
export async function loadJudge(spec: JudgeSpec, input: { root: string; at: Omit<Problem, 'message'>; problems: Problem[] }): Promise<JudgeConfig | undefined> {
  const section = typeof spec === 'object' && 'target' in spec ? spec : undefined;
  const parsed = parseTarget(section ? section.target : (spec as Exclude<JudgeSpec, { target: unknown }>));
  if (!parsed.ok) input.problems.push({ ...input.at, message: parsed.message });
  const rubricPath = section?.rubric === undefined ? DEFAULT_JUDGE_RUBRIC : resolve(input.root, section.rubric);
  const rubricShown = section?.rubric === undefined ? DEFAULT_JUDGE_RUBRIC_SHOWN : relative(input.root, rubricPath) || rubricPath;
  const rubric = await readJudgeRubric(rubricPath, rubricShown, input.problems);
  if (!parsed.ok || rubric === undefined) return undefined;
  const repeat = section?.repeat ?? 1;
  const pairs = section?.pairwise === undefined ? [] : isOnePair(section.pairwise) ? [section.pairwise] : section.pairwise;
  const calibration = section?.calibration ?? 'judge-calibration.json';
  return {
    target: parsed.target,
    rubric,
    rubricFile: rubricShown,
    rubricHash: contentHash(rubric),
    repeat,
    reduce: section?.reduce ?? 'majority',
    // Identical samples would measure nothing: repeats sample with some spread unless told otherwise.
    temperature: section?.temperature ?? (repeat > 1 ? 0.7 : 0),
    pairwise: pairs,
    calibrationFile: resolve(input.root, calibration),
    calibrationShown: calibration,
  };
}

/** One rubric file, checked like any other input: each mistake on its own line. */
export async function readJudgeRubric(path: string, shown: string, problems: Problem[]): Promise<JudgeRubric | undefined> {
  const read = await readYamlFile(path, shown);
  if (!read.ok) {
    problems.push(...read.problems);
    return undefined;
  }
  const checked = validateSource(JudgeRubricSchema, read.source);
  if (!checked.ok) {
    problems.push(...checked.problems);
    return undefined;
  }
  return checked.value;
}

function isOnePair(value: [string, string] | [string, string][]): value is [string, string] {
  return typeof value[0] === 'string';
}
