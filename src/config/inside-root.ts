import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Whether a relative path a config writes leaves the project folder once resolved from `from`
 * (`examples: ../../../../etc/passwd`). An absolute path is taken as meant: whoever writes one
 * knows where it points, while a `../` chain is easy to slip into a shared config unnoticed.
 */
export function leavesRoot(root: string, from: string, written: string): boolean {
  if (isAbsolute(written)) return false;
  const rel = relative(root, resolve(from, written));
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

export function outsideRootMessage(what: string, written: string): string {
  return `${what} "${written}" leads outside the project folder; write it as an absolute path if you mean it`;
}
