import { relative } from 'node:path';
import type { z } from 'zod';
import type { Problem } from '../errors.ts';
import { readYamlFile } from './read-yaml-file.ts';
import { validateSource } from './validate-source.ts';

export interface Located<T> {
  item: T;
  file: string;
  line: number | undefined;
}

/**
 * Loads files that are YAML lists of one kind of item (cases, labeled replies, labeled pairs).
 * Every bad item is reported, located; the good ones of a file still load. `what` names the item
 * in messages ("cases").
 */
export async function loadYamlLists<S extends z.ZodType>(files: readonly string[], root: string, schema: S, what: string): Promise<{ items: Located<z.output<S>>[]; problems: Problem[] }> {
  const perFile = await Promise.all(files.map((f) => loadYamlList(f, relative(root, f), schema, what)));
  return { items: perFile.flatMap((r) => r.items), problems: perFile.flatMap((r) => r.problems) };
}

async function loadYamlList<S extends z.ZodType>(file: string, shown: string, schema: S, what: string): Promise<{ items: Located<z.output<S>>[]; problems: Problem[] }> {
  const parsed = await readYamlFile(file, shown);
  if (!parsed.ok) return { items: [], problems: parsed.problems };
  const { source } = parsed;
  if (source.data === null || source.data === undefined) return { items: [], problems: [{ file: shown, line: 1, message: `file is empty (expected a list of ${what})` }] };
  if (!Array.isArray(source.data)) return { items: [], problems: [{ file: shown, line: 1, message: `must be a list of ${what} (each item starts with "- id: …")` }] };
  const items: Located<z.output<S>>[] = [];
  const problems: Problem[] = [];
  source.data.forEach((item: unknown, index) => {
    const checked = validateSource(schema, source, item, [index]);
    if (checked.ok) items.push({ item: checked.value, file: shown, line: source.lineOf([index]) });
    else problems.push(...checked.problems);
  });
  return { items, problems };
}
