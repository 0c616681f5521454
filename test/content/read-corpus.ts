import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CaseFileSchema } from '../../src/config/case-schema.ts';
import type { Case } from '../../src/config/case-schema.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CASES_DIR = join(ROOT, 'cases');

export interface LoadedCase {
  file: string;
  case: Case;
}

/** Every shipped case file (cases/*.yaml, not the labeled set below it), parsed with the real schema. */
export function readCorpus(): LoadedCase[] {
  const files = readdirSync(CASES_DIR).filter((name) => name.endsWith('.yaml')).sort();
  return files.flatMap((file) => {
    const raw: unknown = parse(readFileSync(join(CASES_DIR, file), 'utf8'));
    const result = CaseFileSchema.safeParse(raw);
    if (!result.success) {
      throw new Error(`${file}: ${result.error.message}`);
    }
    return result.data.map((c) => ({ file, case: c }));
  });
}

export function countBy<T>(items: T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
