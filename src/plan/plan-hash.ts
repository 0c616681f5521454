import { createHash } from 'node:crypto';

/**
 * One hash of a plan's trial ids, in any order: run.json keeps it so `--resume` can tell the plan
 * it rebuilds from the one the run began with (a case added or deleted, a prompt edited), not only
 * whether the results already written still match.
 */
export function hashTrialIds(trialIds: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const id of [...trialIds].sort()) hash.update(`${id}\n`);
  return `sha256:${hash.digest('hex')}`;
}
