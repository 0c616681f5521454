import type { Problem } from '../errors.ts';
import { closestName } from './suggest.ts';

/** `--variants a,b*` or `--targets x`: a name that matches nothing is a mistake, not an empty run. */
export function selectByNames<T extends { id: string }>(items: T[], patterns: string[] | undefined, what: string): { selected: T[]; problems: Problem[] } {
  if (!patterns || patterns.length === 0) return { selected: items, problems: [] };
  const problems: Problem[] = [];
  const chosen = new Set<T>();
  for (const pattern of patterns) {
    const re = globToRegExp(pattern);
    const hits = items.filter((i) => re.test(i.id));
    if (hits.length === 0) {
      const guess = closestName(pattern, items.map((i) => i.id));
      const known = `known: ${items.map((i) => i.id).join(', ') || 'none'}`;
      problems.push({ file: `--${what}s`, message: `unknown ${what} "${pattern}" (${guess === undefined ? known : `did you mean "${guess}"? ${known}`})` });
    }
    hits.forEach((h) => chosen.add(h));
  }
  return { selected: items.filter((i) => chosen.has(i)), problems };
}

/** `*` is any run of characters and `?` one character; everything else is literal. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
