import type { Problem } from '../errors.ts';
import { CaseSchema, type Case } from './case-schema.ts';
import { loadYamlLists } from './load-yaml-list.ts';

export interface LocatedCase {
  testCase: Case;
  file: string;
  line: number | undefined;
}

/** Loads case files (YAML lists). Every bad case is reported; the good ones of a file still load. */
export async function loadCases(files: string[], root: string): Promise<{ cases: LocatedCase[]; problems: Problem[] }> {
  const { items, problems } = await loadYamlLists(files, root, CaseSchema, 'cases');
  return { cases: items.map(({ item, file, line }) => ({ testCase: item, file, line })), problems };
}
