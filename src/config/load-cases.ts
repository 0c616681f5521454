import { relative } from 'node:path';
import type { Problem } from '../errors.ts';
import { CaseSchema, type Case } from './case-schema.ts';
import { readYamlFile } from './read-yaml-file.ts';
import { validateSource } from './validate-source.ts';

export interface LocatedCase {
  testCase: Case;
  file: string;
  line: number | undefined;
}

/** Loads case files (YAML lists). Every bad case is reported; the good ones of a file still load. */
export async function loadCases(files: string[], root: string): Promise<{ cases: LocatedCase[]; problems: Problem[] }> {
  const perFile = await Promise.all(files.map((f) => loadCaseFile(f, relative(root, f))));
  return { cases: perFile.flatMap((r) => r.cases), problems: perFile.flatMap((r) => r.problems) };
}

async function loadCaseFile(file: string, shown: string): Promise<{ cases: LocatedCase[]; problems: Problem[] }> {
  const parsed = await readYamlFile(file, shown);
  if (!parsed.ok) return { cases: [], problems: parsed.problems };
  const { source } = parsed;
  if (source.data === null || source.data === undefined) return { cases: [], problems: [{ file: shown, line: 1, message: 'file is empty (expected a list of cases)' }] };
  if (!Array.isArray(source.data)) return { cases: [], problems: [{ file: shown, line: 1, message: 'must be a list of cases (each item starts with "- id: …")' }] };
  const cases: LocatedCase[] = [];
  const problems: Problem[] = [];
  source.data.forEach((item: unknown, index) => {
    const checked = validateSource(CaseSchema, source, item, [index]);
    if (checked.ok) cases.push({ testCase: checked.value, file: shown, line: source.lineOf([index]) });
    else problems.push(...checked.problems);
  });
  return { cases, problems };
}
