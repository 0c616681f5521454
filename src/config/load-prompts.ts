import { dirname, join, relative } from 'node:path';
import type { Problem } from '../errors.ts';
import { expandMatrix } from './expand-matrix.ts';
import { readYamlFile } from './read-yaml-file.ts';
import { validateSource } from './validate-source.ts';
import { FewShotFileSchema, MatrixFileSchema, VariantFileSchema, type Example, type Variant } from './variant-schema.ts';

interface Loaded {
  variants: Variant[];
  problems: Problem[];
}

/** Loads variant files (expanding matrices) and the few-shot sets they name. */
export async function loadPrompts(files: string[], root: string): Promise<Loaded> {
  const fewShotCache = new Map<string, Promise<{ examples: Example[]; problems: Problem[] }>>();
  const loadFewShot = (path: string) => {
    let hit = fewShotCache.get(path);
    if (!hit) {
      hit = readFewShot(path, relative(root, path));
      fewShotCache.set(path, hit);
    }
    return hit;
  };
  const perFile = await Promise.all(files.map((f) => loadPromptFile(f, root, loadFewShot)));
  return { variants: perFile.flatMap((r) => r.variants), problems: perFile.flatMap((r) => r.problems) };
}

async function readFewShot(path: string, shown: string): Promise<{ examples: Example[]; problems: Problem[] }> {
  const parsed = await readYamlFile(path, shown);
  if (!parsed.ok) return { examples: [], problems: parsed.problems };
  const checked = validateSource(FewShotFileSchema, parsed.source);
  return checked.ok ? { examples: checked.value, problems: [] } : { examples: [], problems: checked.problems };
}

async function loadPromptFile(
  file: string,
  root: string,
  loadFewShot: (path: string) => Promise<{ examples: Example[]; problems: Problem[] }>,
): Promise<Loaded> {
  const shown = relative(root, file);
  const parsed = await readYamlFile(file, shown);
  if (!parsed.ok) return { variants: [], problems: parsed.problems };
  const { source } = parsed;
  if (source.data === null || source.data === undefined) return { variants: [], problems: [{ file: shown, line: 1, message: 'file is empty' }] };
  const isMatrix = typeof source.data === 'object' && 'matrix' in source.data;
  const base = isMatrix ? validateSource(MatrixFileSchema, source) : validateSource(VariantFileSchema, source);
  if (!base.ok) return { variants: [], problems: base.problems };
  const file_ = base.value;
  const expanded = 'matrix' in file_
    ? expandMatrix(file_)
    : [{ id: file_.id, description: file_.description, system: file_.system, examples: file_.examples, format: file_.format }];

  const problems: Problem[] = [];
  const variants: Variant[] = [];
  for (const v of expanded) {
    let examples: Example[];
    if (typeof v.examples === 'string') {
      const few = await loadFewShot(join(dirname(file), v.examples));
      problems.push(...few.problems);
      examples = few.examples;
    } else {
      examples = v.examples;
    }
    variants.push({ id: v.id, description: v.description, system: v.system, format: v.format, examples, template: file_.template, params: file_.params, source: shown });
  }
  return { variants, problems: dedupe(problems) };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = JSON.stringify(p);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
