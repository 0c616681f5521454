import type { z } from 'zod';
import type { Problem } from '../errors.ts';
import { describeIssues } from './describe-issue.ts';
import { knownKeysAt } from './known-keys.ts';
import type { YamlSource } from './yaml-source.ts';

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `basePath` locates `data` inside the file when it is one item of a list. */
export function validateSource<S extends z.ZodType>(
  schema: S,
  source: YamlSource,
  data: unknown = source.data,
  basePath: PropertyKey[] = [],
): Validated<z.output<S>> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  // An unknown key is told the key it probably meant, from the schema of the mapping it sits in.
  const keysAt = (path: readonly PropertyKey[]) => knownKeysAt(schema, path.slice(basePath.length));
  return { ok: false, problems: describeIssues(result.error.issues, source, basePath, keysAt) };
}
