import type { Problem } from '../errors.ts';
import { loadYamlLists } from '../config/load-yaml-list.ts';
import { LabeledReplySchema, type LabeledReply } from './labeled-schema.ts';

export interface LocatedLabel {
  entry: LabeledReply;
  file: string;
  line: number | undefined;
}

/** Loads labeled-set files (YAML lists); every bad entry is a located problem, the good ones still load; ids are unique. */
export async function loadLabeled(files: string[], root: string): Promise<{ labels: LocatedLabel[]; problems: Problem[] }> {
  const { items, problems } = await loadYamlLists(files, root, LabeledReplySchema, 'labeled replies');
  const labels = items.map(({ item, file, line }) => ({ entry: item, file, line }));
  const first = new Map<string, LocatedLabel>();
  for (const label of labels) {
    const earlier = first.get(label.entry.id);
    if (earlier === undefined) first.set(label.entry.id, label);
    else problems.push({ file: label.file, ...(label.line === undefined ? {} : { line: label.line }), key: 'id', message: `duplicate labeled id "${label.entry.id}" (first at ${earlier.file}:${earlier.line ?? '?'})` });
  }
  return { labels, problems };
}
