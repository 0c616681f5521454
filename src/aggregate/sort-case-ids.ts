const NATURAL = new Intl.Collator('en', { numeric: true });

/**
 * Case ids in a stable, readable order (`c2` before `c10`), not in the order calls happened to
 * finish, so two runs of the same corpus list the same cases the same way.
 */
export function sortCaseIds(ids: string[]): string[] {
  return ids.sort(NATURAL.compare);
}
