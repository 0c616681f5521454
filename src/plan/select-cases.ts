import type { Case } from '../config/case-schema.ts';
import { globToRegExp } from '../config/select-by-names.ts';

/**
 * `--filter` terms, OR'd: `tag:<name>` selects by tag, `type:<answer|question|invalid>` by expected
 * type, anything else is a glob on the case id (`ans-*`).
 */
export function selectCases(cases: Case[], filters: string[] | undefined): Case[] {
  if (!filters || filters.length === 0) return cases;
  const tests = filters.map(toTest);
  return cases.filter((c) => tests.some((t) => t(c)));
}

/** Filter terms that select no case: like an unknown `--variants` name, a likely typo. */
export function unmatchedFilters(cases: Case[], filters: string[] | undefined): string[] {
  return (filters ?? []).filter((f) => !cases.some(toTest(f)));
}

function toTest(f: string): (c: Case) => boolean {
  if (f.startsWith('tag:')) {
    const tag = globToRegExp(f.slice(4));
    return (c) => c.tags.some((t) => tag.test(t));
  }
  if (f.startsWith('type:')) return (c) => c.expect.type === f.slice(5);
  const id = globToRegExp(f);
  return (c) => id.test(c.id);
}
