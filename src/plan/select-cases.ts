import type { Case } from '../config/case-schema.ts';
import { globToRegExp } from '../config/check-project.ts';

/**
 * `--filter` terms, OR'd: `tag:<name>` selects by tag, `type:<answer|question|invalid>` by expected
 * type, anything else is a glob on the case id (`ans-*`).
 */
export function selectCases(cases: Case[], filters: string[] | undefined): Case[] {
  if (!filters || filters.length === 0) return cases;
  const tests = filters.map((f): ((c: Case) => boolean) => {
    if (f.startsWith('tag:')) {
      const tag = globToRegExp(f.slice(4));
      return (c) => c.tags.some((t) => tag.test(t));
    }
    if (f.startsWith('type:')) return (c) => c.expect.type === f.slice(5);
    const id = globToRegExp(f);
    return (c) => id.test(c.id);
  });
  return cases.filter((c) => tests.some((t) => t(c)));
}
