import type { Problem } from '../errors.ts';
import type { LocatedCase } from './load-cases.ts';
import type { VariantOrigin } from './load-prompts.ts';
import type { Variant } from './variant-schema.ts';

export type GlobKey = 'cases' | 'prompts';

export interface GlobOrigin {
  at: Omit<Problem, 'message'>;
  /** What to check when the globs find nothing, e.g. "check the `cases` globs". */
  advice: string;
}

/**
 * Cross-file rules no single schema can see: unique ids, a corpus and variants to run. (Duplicate
 * targets are caught where they are parsed, which knows whether they came from the config or a flag.)
 */
export function checkProject(input: {
  configFile: string;
  variants: Variant[];
  cases: LocatedCase[];
  hadFileProblems: boolean;
  /** Where each variant's id stands, from `loadPrompts`; without it duplicates are reported without a line. */
  variantOrigins?: ReadonlyMap<Variant, VariantOrigin> | undefined;
  /**
   * Where the `cases` / `prompts` globs were given (a config line, a flag, or the built-in defaults) and
   * what to advise when they find nothing; default: the config file, "check the `<key>` globs".
   */
  describeGlobs?: ((key: GlobKey) => GlobOrigin) | undefined;
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
    const globs = input.describeGlobs ?? ((key): GlobOrigin => ({ at: { file: input.configFile, key }, advice: `check the \`${key}\` globs` }));
    if (input.cases.length === 0) {
      const { at, advice } = globs('cases');
      problems.push({ ...at, message: `no cases found: the corpus is empty (${advice})` });
    }
    if (input.variants.length === 0) {
      const { at, advice } = globs('prompts');
      problems.push({ ...at, message: `no prompt variants found (${advice})` });
    }
  }
  return problems;
}
