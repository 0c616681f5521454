import { relative } from 'node:path';
import type { Problem } from '../errors.ts';
import { readYamlFile } from '../config/read-yaml-file.ts';
import { validateSource } from '../config/validate-source.ts';
import { LabeledReplySchema, type LabeledReply } from './labeled-schema.ts';

export interface LocatedLabel {
  entry: LabeledReply;
  file: string;
  line: number | undefined;
}

/** Loads labeled-set files (YAML lists); every bad entry is a located problem, the good ones still load. */
export async function loadLabeled(files: string[], root: string): Promise<{ labels: LocatedLabel[]; problems: Problem[] }> {
  const perFile = await Promise.all(files.map((f) => loadLabeledFile(f, relative(root, f))));
  const labels = perFile.flatMap((r) => r.labels);
  const problems = perFile.flatMap((r) => r.problems);
  const first = new Map<string, LocatedLabel>();
  for (const label of labels) {
    const earlier = first.get(label.entry.id);
    if (earlier === undefined) first.set(label.entry.id, label);
    else problems.push({ file: label.file, ...(label.line === undefined ? {} : { line: label.line }), key: 'id', message: `duplicate labeled id "${label.entry.id}" (first at ${earlier.file}:${earlier.line ?? '?'})` });
  }
  return { labels, problems };
}

async function loadLabeledFile(file: string, shown: string): Promise<{ labels: LocatedLabel[]; problems: Problem[] }> {
  const parsed = await readYamlFile(file, shown);
  if (!parsed.ok) return { labels: [], problems: parsed.problems };
  const { source } = parsed;
  if (source.data === null || source.data === undefined) return { labels: [], problems: [] };
  if (!Array.isArray(source.data)) return { labels: [], problems: [{ file: shown, line: 1, message: 'must be a list of labeled replies (each item starts with "- id: …")' }] };
  const labels: LocatedLabel[] = [];
  const problems: Problem[] = [];
  source.data.forEach((item: unknown, index) => {
    const checked = validateSource(LabeledReplySchema, source, item, [index]);
    if (checked.ok) labels.push({ entry: checked.value, file: shown, line: source.lineOf([index]) });
    else problems.push(...checked.problems);
  });
  return { labels, problems };
}
