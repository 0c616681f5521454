import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Problem } from '../errors.ts';
import { keyLabel } from './describe-issue.ts';
import { cutForMessage } from '../text/terminal-text.ts';
import { expandMatrix } from './expand-matrix.ts';
import { leavesProject, outsideProjectMessage, type ProjectFolders } from './inside-root.ts';
import { readYamlFile } from './read-yaml-file.ts';
import { validateSource } from './validate-source.ts';
import type { YamlSource } from './yaml-source.ts';
import { completeVariant, FewShotFileSchema, MatrixFileSchema, VariantFileSchema, type Example, type Variant } from './variant-schema.ts';

/** Where a variant's id was written, for messages about it. */
export interface VariantOrigin {
  line: number | undefined;
  /** Made by a `matrix:` expansion, so its id is not written anywhere as such. */
  matrix: boolean;
}

interface Loaded {
  variants: Variant[];
  problems: Problem[];
  origins: Map<Variant, VariantOrigin>;
}

type FewShot = { examples: Example[]; problems: Problem[] };

/** Loads variant files (expanding matrices) and the few-shot sets they name. */
export async function loadPrompts(files: string[], root: string, folders: ProjectFolders = [root]): Promise<Loaded> {
  const fewShotCache = new Map<string, Promise<FewShot>>();
  const loadFewShot = (path: string) => {
    let hit = fewShotCache.get(path);
    if (!hit) {
      hit = readFewShot(path, relative(root, path));
      fewShotCache.set(path, hit);
    }
    return hit;
  };
  const perFile = await Promise.all(files.map((f) => loadPromptFile(f, root, folders, loadFewShot)));
  return {
    variants: perFile.flatMap((r) => r.variants),
    problems: perFile.flatMap((r) => r.problems),
    origins: new Map(perFile.flatMap((r) => [...r.origins])),
  };
}

async function readFewShot(path: string, shown: string): Promise<FewShot> {
  const parsed = await readYamlFile(path, shown);
  if (!parsed.ok) return { examples: [], problems: parsed.problems };
  const checked = validateSource(FewShotFileSchema, parsed.source);
  return checked.ok ? { examples: checked.value, problems: [] } : { examples: [], problems: checked.problems };
}

async function loadPromptFile(file: string, root: string, folders: ProjectFolders, loadFewShot: (path: string) => Promise<FewShot>): Promise<Loaded> {
  const shown = relative(root, file);
  const none = (problems: Problem[]): Loaded => ({ variants: [], problems, origins: new Map() });
  const parsed = await readYamlFile(file, shown);
  if (!parsed.ok) return none(parsed.problems);
  const { source } = parsed;
  if (source.data === null || source.data === undefined) return none([{ file: shown, line: 1, message: 'file is empty' }]);
  if (Array.isArray(source.data)) {
    // The usual cause: a few-shot set saved next to the variants, where the `prompts` glob finds it.
    return none([{ file: shown, line: 1, message: 'is a list, not a prompt variant (a few-shot set? keep those where the `prompts` globs do not reach, e.g. prompts/examples/)' }]);
  }
  const isMatrix = typeof source.data === 'object' && 'matrix' in source.data;
  const base = isMatrix ? validateSource(MatrixFileSchema, source) : validateSource(VariantFileSchema, source);
  if (!base.ok) return none(base.problems);
  const file_ = base.value;
  const expanded = 'matrix' in file_
    ? expandMatrix(file_)
    : [{ id: file_.id, description: file_.description, system: file_.system, examples: file_.examples, format: file_.format, responseFormat: file_.responseFormat }];

  // A missing few-shot file is the variant's mistake: say so on the line that names it.
  const refs = 'matrix' in file_ && file_.matrix.examples !== undefined
    ? Object.entries(file_.matrix.examples).map(([name, ref]) => ({ path: ['matrix', 'examples', name], ref }))
    : [{ path: ['examples'], ref: file_.examples }];
  const problems: Problem[] = [];
  const missing = new Set<string>();
  for (const { path, ref } of refs) {
    if (typeof ref !== 'string' || missing.has(ref)) continue;
    if (leavesProject(folders, dirname(file), ref)) {
      missing.add(ref);
      problems.push(located(source, path, outsideProjectMessage('few-shot file', cutForMessage(ref))));
      continue;
    }
    if (await exists(resolve(dirname(file), ref))) continue;
    missing.add(ref);
    problems.push(missingFewShot(source, path, ref, isAbsolute(ref) ? undefined : relative(root, resolve(dirname(file), ref))));
  }

  const variants: Variant[] = [];
  const origins = new Map<Variant, VariantOrigin>();
  for (const v of expanded) {
    let examples: Example[] = [];
    if (typeof v.examples !== 'string') examples = v.examples;
    else if (!missing.has(v.examples)) {
      const few = await loadFewShot(resolve(dirname(file), v.examples));
      problems.push(...few.problems);
      examples = few.examples;
    }
    const variant: Variant = completeVariant(
      { id: v.id, description: v.description, system: v.system, format: v.format, examples, template: file_.template, params: file_.params, promptCache: file_.promptCache, ...(v.responseFormat === undefined ? {} : { responseFormat: v.responseFormat }), source: shown },
      file_,
    );
    variants.push(variant);
    origins.set(variant, { line: source.lineOf(['id']), matrix: 'matrix' in file_ });
  }
  return { variants, problems: dedupe(problems), origins };
}

/** `resolved` is where a relative `ref` was looked for; an absolute one needs no explaining. */
function missingFewShot(source: YamlSource, path: string[], ref: string, resolved: string | undefined): Problem {
  const looked = resolved === undefined ? '' : ` (looked for ${resolved}; the path is relative to this variant file)`;
  return located(source, path, `few-shot file "${cutForMessage(ref)}" not found${looked}`);
}

function located(source: YamlSource, path: string[], message: string): Problem {
  const line = source.lineOf(path);
  return { file: source.file, ...(line === undefined ? {} : { line }), key: keyLabel(path), message };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = JSON.stringify(p);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
