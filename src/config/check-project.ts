import type { Problem } from '../errors.ts';
import type { LocatedCase } from './load-cases.ts';
import type { VariantOrigin } from './load-prompts.ts';
import type { Target } from './target-schema.ts';
import type { Variant } from './variant-schema.ts';

/**
 * Cross-file rules no single schema can see: unique ids, a corpus and variants to run. (Duplicate
 * targets are caught where they are parsed, which knows whether they came from the config or a flag.)
 */
export function checkProject(input: {
  configFile: string;
  variants: Variant[];
  cases: LocatedCase[];
  targets: Target[];
  hadFileProblems: boolean;
  /** Where each variant's id stands, from `loadPrompts`; without it duplicates are reported without a line. */
  variantOrigins?: ReadonlyMap<Variant, VariantOrigin> | undefined;
  /** Where the `cases` / `prompts` globs were given (a config line, or a flag); default: the config file. */
  locateGlobs?: ((key: 'cases' | 'prompts') => Omit<Problem, 'message'>) | undefined;
}): Problem[] {
  const problems: Problem[] = [];
  const firstCase = new Map<string, LocatedCase>();
  for (const c of input.cases) {
    const earlier = firstCase.get(c.testCase.id);
    if (earlier) {
      problems.push({
        file: c.file,
        ...(c.line === undefined ? {} : { line: c.line }),
        key: 'id',
        message: `duplicate case id "${c.testCase.id}" (first at ${earlier.file}:${earlier.line ?? '?'})`,
      });
    } else {
      firstCase.set(c.testCase.id, c);
    }
  }
  const firstVariant = new Map<string, Variant>();
  const origin = (v: Variant): VariantOrigin => input.variantOrigins?.get(v) ?? { line: undefined, matrix: false };
  for (const v of input.variants) {
    const earlier = firstVariant.get(v.id);
    if (!earlier) {
      firstVariant.set(v.id, v);
      continue;
    }
    const { line } = origin(v);
    const before = origin(earlier);
    // A matrix's ids are written nowhere as such: say where they come from.
    const mine = origin(v).matrix ? ', made by this file\'s matrix' : '';
    const first = `${before.matrix ? 'first made by the matrix in' : 'first at'} ${earlier.source}${before.line === undefined ? '' : `:${before.line}`}`;
    problems.push({ file: v.source, ...(line === undefined ? {} : { line }), key: 'id', message: `duplicate variant id "${v.id}"${mine} (${first})` });
  }
  // Empty folders are only worth a line when nothing else explains them.
  if (!input.hadFileProblems) {
    const at = input.locateGlobs ?? ((key) => ({ file: input.configFile, key }));
    if (input.cases.length === 0) problems.push({ ...at('cases'), message: 'no cases found: the corpus is empty (check the `cases` globs)' });
    if (input.variants.length === 0) problems.push({ ...at('prompts'), message: 'no prompt variants found (check the `prompts` globs)' });
  }
  return problems;
}

/** `--variants a,b*` or `--targets x`: a name that matches nothing is a mistake, not an empty run. */
export function selectByNames<T extends { id: string }>(items: T[], patterns: string[] | undefined, what: string): { selected: T[]; problems: Problem[] } {
  if (!patterns || patterns.length === 0) return { selected: items, problems: [] };
  const problems: Problem[] = [];
  const chosen = new Set<T>();
  for (const pattern of patterns) {
    const re = globToRegExp(pattern);
    const hits = items.filter((i) => re.test(i.id));
    if (hits.length === 0) {
      problems.push({ file: `--${what}s`, message: `unknown ${what} "${pattern}" (known: ${items.map((i) => i.id).join(', ') || 'none'})` });
    }
    hits.forEach((h) => chosen.add(h));
  }
  return { selected: items.filter((i) => chosen.has(i)), problems };
}

export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
