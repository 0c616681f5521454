import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The folders a config's relative paths may reach: the config's own folder and the folder the
 * command runs in (a config kept in `ci/` may name `../prompts`).
 */
export type ProjectFolders = readonly string[];

/**
 * Whether a relative path a config writes leaves the project once resolved from `from`
 * (`examples: ../../../../etc/passwd`). An absolute path is taken as meant: whoever writes one
 * knows where it points, while a `../` chain is easy to slip into a shared config unnoticed.
 */
export function leavesProject(folders: ProjectFolders, from: string, written: string): boolean {
  if (isAbsolute(written)) return false;
  const target = resolve(from, written);
  return !folders.some((folder) => {
    const rel = relative(folder, target);
    return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
  });
}

export function outsideProjectMessage(what: string, written: string): string {
  return `${what} "${written}" leads outside the project folder; write it as an absolute path if you mean it`;
}
