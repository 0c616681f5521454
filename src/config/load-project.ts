import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { cutForMessage } from '../text/terminal-text.ts';
import { UserError, type Problem } from '../errors.ts';
import type { Case } from './case-schema.ts';
import { checkJudge } from './check-judge.ts';
import { checkProject, type GlobKey, type GlobOrigin } from './check-project.ts';
import type { JudgeConfig } from './judge-schema.ts';
import { loadJudge } from './load-judge.ts';
import { ConfigSchema, type Config } from './config-schema.ts';
import { keyLabel } from './describe-issue.ts';
import { leavesProject, outsideProjectMessage } from './inside-root.ts';
import { loadCases, type LocatedCase } from './load-cases.ts';
import { loadPrompts } from './load-prompts.ts';
import { parseTarget } from './parse-target.ts';
import { readYamlFile } from './read-yaml-file.ts';
import { selectByNames } from './select-by-names.ts';
import { TargetSpecSchema, type Target, type TargetSpec } from './target-schema.ts';
import { validateSource } from './validate-source.ts';
import type { Variant } from './variant-schema.ts';

export const DEFAULT_CONFIG_FILE = 'subtodo-eval.yaml';
/** `Project.configFile`, and the file of problems, when there is no config file and the defaults apply. */
export const BUILT_IN_DEFAULTS = '(built-in defaults)';

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
  /**
   * The judge is wanted for something other than the `judge` criterion (`run --pairwise`,
   * `calibrate --judge`, `compare --judge`), so a judge target without a judge criterion is fine.
   */
  judgeWithoutCriterion?: boolean | undefined;
}

export interface Project {
  /** Folder the config's relative paths start from. */
  root: string;
  /** The config's path relative to cwd, or `BUILT_IN_DEFAULTS` when there is no config file. */
  configFile: string;
  config: Config;
  variants: Variant[];
  cases: Case[];
  caseFiles: string[];
  targets: Target[];
  /** The LLM judge: its target, rubric and sampling; undefined when `judge:` is not set. */
  judge: JudgeConfig | undefined;
  /** True when no target was configured and `mock` stood in. */
  defaultedToMock: boolean;
}

/** Reads the config and everything it names; reports every problem at once as one UserError. */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const { config, configFile, root, lineOf, problems: configProblems, unusable, written, rawTargets } = await readConfig(options);
  const problems: Problem[] = [...configProblems];

  // Globs the config writes stay in the project (`--cases` on the command line may go anywhere).
  const folders = [root, options.cwd];
  const insideRoot = (key: 'prompts' | 'cases' | 'out'): string[] => {
    if (unusable.has(key)) return [];
    const kept: string[] = [];
    for (const pattern of toList(config[key])) {
      if (!leavesProject(folders, root, pattern)) kept.push(pattern);
      else problems.push({ ...located(configFile, lineOf([key]), key), message: outsideProjectMessage('path', cutForMessage(pattern)) });
    }
    return kept;
  };
  insideRoot('out');
  const casePatterns = options.cases ?? insideRoot('cases');
  const caseBase = options.cases ? options.cwd : root;
  const [promptFiles, caseFiles] = await Promise.all([findFiles(insideRoot('prompts'), root), findFiles(casePatterns, caseBase)]);
  if (options.cases && caseFiles.length === 0) {
    problems.push({ file: '--cases', message: `no files match ${casePatterns.join(', ')}` });
  }
  const [prompts, cases] = await Promise.all([loadPrompts(promptFiles, root, folders), loadCases(caseFiles, options.cwd)]);
  problems.push(...prompts.problems, ...cases.problems);

  const describeGlobs = (key: GlobKey): GlobOrigin => {
    if (key === 'cases' && options.cases) return { at: { file: '--cases' }, advice: 'check the --cases paths' };
    if (configFile === BUILT_IN_DEFAULTS) {
      const advice = `nothing matches the default ${toList(config[key]).join(', ')} and there is no ${DEFAULT_CONFIG_FILE} here: pass --config, or run \`subtodo-eval init\``;
      return { at: { file: configFile, key }, advice };
    }
    return { at: located(configFile, written.has(key) ? lineOf([key]) : undefined, key), advice: `check the \`${key}\` globs` };
  };
  // A config whose `targets` has one bad entry still has its other entries checked, typos and all.
  if (!options.targets && unusable.has('targets')) problems.push(...checkRawTargets(rawTargets, (i) => located(configFile, lineOf(['targets', i]), `targets[${i}]`)));
  const targetSpecs: TargetSpec[] = options.targets ?? config.targets;
  const defaultedToMock = targetSpecs.length === 0;
  const targets = options.targets
    ? parseTargets(targetSpecs, () => ({ file: '--targets' }), problems)
    : parseTargets(defaultedToMock ? ['mock'] : targetSpecs, (i) => located(configFile, lineOf(['targets', i]), `targets[${i}]`), problems);
  const judge = config.judge === undefined ? undefined : await loadJudge(config.judge, { root, at: located(configFile, lineOf(['judge']), 'judge'), problems });
  problems.push(
    ...checkJudge({
      criteria: config.rubric.criteria,
      judgeSet: config.judge !== undefined,
      otherUse: options.judgeWithoutCriterion === true || (judge?.pairwise.length ?? 0) > 0,
      unusable,
      locate: (path) => located(configFile, lineOf(path), keyLabel(path)),
    }),
  );

  problems.push(...checkProject({ configFile, variants: prompts.variants, cases: cases.cases, hadFileProblems: problems.length > 0, variantOrigins: prompts.origins, describeGlobs }));
  const chosen = selectByNames(prompts.variants, options.variants, 'variant');
  problems.push(...chosen.problems);
  if (problems.length > 0) {
    const onlyConfig = problems.every((p) => p.file === configFile);
    throw new UserError(onlyConfig ? 'INVALID_CONFIG' : 'INVALID_INPUT', onlyConfig ? 'invalid config' : 'invalid input', problems);
  }

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
  /** Schema mistakes in the config; they are reported together with the rest of the project's. */
  problems: Problem[];
  /** Top-level keys whose value was wrong: their files are not looked for (the defaults could be the wrong ones). */
  unusable: ReadonlySet<string>;
  /** Top-level keys the file sets (a default has no line to point at). */
  written: ReadonlySet<string>;
  /** The `targets` value as written, for checking its entries one by one when the whole did not validate. */
  rawTargets: unknown;
}

async function readConfig(options: ProjectOptions): Promise<ReadConfig> {
  const path = resolve(options.cwd, options.configPath ?? DEFAULT_CONFIG_FILE);
  const shown = relative(options.cwd, path) || path;
  if (!existsSync(path)) {
    if (options.configPath !== undefined) {
      throw new UserError('CONFIG_NOT_FOUND', `${shown}: config file not found`, [{ file: shown, message: 'config file not found (check the --config path)' }]);
    }
    return { config: ConfigSchema.parse({}), configFile: BUILT_IN_DEFAULTS, root: options.cwd, lineOf: () => undefined, problems: [], unusable: new Set(), written: new Set(), rawTargets: undefined };
  }
  // Broken YAML says nothing reliable about the rest: stop here.
  const parsed = await readYamlFile(path, shown);
  if (!parsed.ok) throw new UserError('INVALID_CONFIG', 'invalid config', parsed.problems);
  const data = parsed.source.data ?? {};
  const written = new Set(isMapping(data) ? Object.keys(data) : []);
  const base = { configFile: shown, root: dirname(path), lineOf: parsed.source.lineOf, written, rawTargets: isMapping(data) ? data['targets'] : undefined };
  const checked = validateSource(ConfigSchema, parsed.source, data);
  if (checked.ok) return { ...base, config: checked.value, problems: [], unusable: new Set() };
  const { config, unusable } = salvageConfig(data);
  return { ...base, config, problems: checked.problems, unusable };
}

/**
 * A config with a typo still names the prompts and cases to check: keep every top-level key that
 * is valid on its own, so one run of `validate` reports the mistakes of every file.
 */
function salvageConfig(data: unknown): { config: Config; unusable: Set<string> } {
  const result = ConfigSchema.safeParse(data);
  if (result.success) return { config: result.data, unusable: new Set() };
  const bad = new Set(result.error.issues.flatMap((i) => (i.path.length > 0 ? [String(i.path[0])] : i.code === 'unrecognized_keys' ? i.keys : [])));
  if (!isMapping(data)) return { config: ConfigSchema.parse({}), unusable: new Set(['prompts', 'cases']) };
  const kept = ConfigSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([k]) => !bad.has(k))));
  return kept.success ? { config: kept.data, unusable: bad } : { config: ConfigSchema.parse({}), unusable: new Set(['prompts', 'cases']) };
}

function isMapping(data: unknown): data is Record<string, unknown> {
  return data !== null && typeof data === 'object' && !Array.isArray(data);
}

/** Each entry of a `targets` list that fits the schema on its own, parsed: the schema errors of the others are already reported. */
function checkRawTargets(raw: unknown, where: (index: number) => Omit<Problem, 'message'>): Problem[] {
  if (!Array.isArray(raw)) return [];
  const problems: Problem[] = [];
  raw.forEach((item: unknown, i) => {
    const spec = TargetSpecSchema.safeParse(item);
    if (!spec.success) return;
    const parsed = parseTarget(spec.data);
    if (!parsed.ok) problems.push({ ...where(i), message: parsed.message });
  });
  return problems;
}

function parseTargets(specs: TargetSpec[], where: (index: number) => Omit<Problem, 'message'>, problems: Problem[]): Target[] {
  const out: Target[] = [];
  specs.forEach((spec, i) => {
    const parsed = parseTarget(spec);
    if (!parsed.ok) problems.push({ ...where(i), message: parsed.message });
    else if (out.some((t) => t.id === parsed.target.id)) problems.push({ ...where(i), message: `duplicate target id "${parsed.target.id}" (give one an \`id\`)` });
    else out.push(parsed.target);
  });
  return out;
}

function located(file: string, line: number | undefined, key: string): Omit<Problem, 'message'> {
  return line === undefined ? { file, key } : { file, line, key };
}

async function findFiles(patterns: string[], cwd: string): Promise<string[]> {
  if (patterns.length === 0) return [];
  const files = await glob(patterns, { cwd, absolute: true, onlyFiles: true, expandDirectories: true });
  return files.filter((f) => /\.ya?ml$/i.test(f)).sort();
}

function toList(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v];
}
