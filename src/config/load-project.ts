import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { UserError, type Problem } from '../errors.ts';
import type { Case } from './case-schema.ts';
import { checkProject, selectByNames } from './check-project.ts';
import { ConfigSchema, type Config } from './config-schema.ts';
import { loadCases, type LocatedCase } from './load-cases.ts';
import { loadPrompts } from './load-prompts.ts';
import { parseTarget } from './parse-target.ts';
import { readYamlFile } from './read-yaml-file.ts';
import type { Target, TargetSpec } from './target-schema.ts';
import { validateSource } from './validate-source.ts';
import type { Variant } from './variant-schema.ts';

export const DEFAULT_CONFIG_FILE = 'subtodo-eval.yaml';

export interface ProjectOptions {
  cwd: string;
  /** `--config`; default `subtodo-eval.yaml` in cwd, or built-in defaults when there is none. */
  configPath?: string | undefined;
  /** `--cases`: paths or globs (relative to cwd) that replace the config's corpus. */
  cases?: string[] | undefined;
  /** `--targets`: replace the config's targets. */
  targets?: string[] | undefined;
  /** `--variants`: names or globs selecting among the loaded variants. */
  variants?: string[] | undefined;
}

export interface Project {
  /** Folder the config's relative paths start from. */
  root: string;
  configFile: string;
  config: Config;
  variants: Variant[];
  cases: Case[];
  caseFiles: string[];
  targets: Target[];
  judge: Target | undefined;
  /** True when no target was configured and `mock` stood in. */
  defaultedToMock: boolean;
}

/** Reads the config and everything it names; reports every problem at once as one UserError. */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const { config, configFile, root, lineOf } = await readConfig(options);
  const problems: Problem[] = [];

  const casePatterns = options.cases ?? toList(config.cases);
  const caseBase = options.cases ? options.cwd : root;
  const [promptFiles, caseFiles] = await Promise.all([findFiles(toList(config.prompts), root), findFiles(casePatterns, caseBase)]);
  if (options.cases && caseFiles.length === 0) {
    problems.push({ file: '--cases', message: `no files match ${casePatterns.join(', ')}` });
  }
  const [prompts, cases] = await Promise.all([loadPrompts(promptFiles, root), loadCases(caseFiles, options.cwd)]);
  problems.push(...prompts.problems, ...cases.problems);

  const targetSpecs: TargetSpec[] = options.targets ?? config.targets;
  const defaultedToMock = targetSpecs.length === 0;
  const targets = options.targets
    ? parseTargets(targetSpecs, () => ({ file: '--targets' }), problems)
    : parseTargets(defaultedToMock ? ['mock'] : targetSpecs, (i) => located(configFile, lineOf(['targets', i]), `targets[${i}]`), problems);
  const judge = config.judge === undefined ? undefined : parseTargets([config.judge], () => located(configFile, lineOf(['judge']), 'judge'), problems)[0];
  if (config.rubric.criteria.some((c) => c.name === 'judge') && judge === undefined) {
    problems.push({ file: configFile, key: 'judge', message: 'the rubric has a `judge` criterion but no `judge` target is set' });
  }

  problems.push(
    ...checkProject({ configFile, variants: prompts.variants, cases: cases.cases, targets, hadFileProblems: problems.length > 0 }),
  );
  const chosen = selectByNames(prompts.variants, options.variants, 'variant');
  problems.push(...chosen.problems);
  if (problems.length > 0) throw new UserError('INVALID_INPUT', 'invalid input', problems);

  return {
    root,
    configFile,
    config,
    variants: chosen.selected,
    cases: cases.cases.map((c: LocatedCase) => c.testCase),
    caseFiles: caseFiles.map((f) => relative(options.cwd, f)),
    targets,
    judge,
    defaultedToMock,
  };
}

interface ReadConfig {
  config: Config;
  configFile: string;
  root: string;
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

async function readConfig(options: ProjectOptions): Promise<ReadConfig> {
  const path = resolve(options.cwd, options.configPath ?? DEFAULT_CONFIG_FILE);
  const shown = relative(options.cwd, path) || path;
  if (!existsSync(path)) {
    if (options.configPath !== undefined) throw new UserError('CONFIG_NOT_FOUND', `${shown}: config file not found`);
    return { config: ConfigSchema.parse({}), configFile: DEFAULT_CONFIG_FILE, root: options.cwd, lineOf: () => undefined };
  }
  const parsed = await readYamlFile(path, shown);
  if (!parsed.ok) throw new UserError('INVALID_CONFIG', 'invalid config', parsed.problems);
  const checked = validateSource(ConfigSchema, parsed.source, parsed.source.data ?? {});
  if (!checked.ok) throw new UserError('INVALID_CONFIG', 'invalid config', checked.problems);
  return { config: checked.value, configFile: shown, root: dirname(path), lineOf: parsed.source.lineOf };
}

function parseTargets(specs: TargetSpec[], where: (index: number) => Omit<Problem, 'message'>, problems: Problem[]): Target[] {
  const out: Target[] = [];
  specs.forEach((spec, i) => {
    const parsed = parseTarget(spec);
    if (parsed.ok) out.push(parsed.target);
    else problems.push({ ...where(i), message: parsed.message });
  });
  return out;
}

function located(file: string, line: number | undefined, key: string): Omit<Problem, 'message'> {
  return line === undefined ? { file, key } : { file, line, key };
}

async function findFiles(patterns: string[], cwd: string): Promise<string[]> {
  const files = await glob(patterns, { cwd, absolute: true, onlyFiles: true, expandDirectories: true });
  return files.filter((f) => /\.ya?ml$/i.test(f)).sort();
}

function toList(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v];
}
