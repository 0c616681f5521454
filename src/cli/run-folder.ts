import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { errnoText } from '../config/read-yaml-file.ts';
import { UserError } from '../errors.ts';
import { LOCK_FILE, lockRunFolder, type RunLock } from '../results/index.ts';
import { cutForMessage } from '../text/terminal-text.ts';
import type { RunMeta } from './run-meta.ts';
import { writeOrExplain } from './write-or-explain.ts';

/**
 * The files this tool writes into a run folder. A folder holding only these (and a run.json) is an
 * earlier attempt of a run; anything else in it is someone's, not to be overwritten.
 */
export const RUN_FOLDER_FILES: ReadonlySet<string> = new Set(['run.json', 'results.jsonl', 'summary.json', 'report.md', 'report.html', 'junit.xml', 'compare.md', LOCK_FILE]);

/**
 * Makes a new run's folder and takes its lock: the folder must be new, empty, or an earlier attempt
 * that wrote no result; run.json is written under the lock. The caller releases the lock.
 */
export async function createRunFolder(outDir: string, shown: string, meta: RunMeta, cwd: string): Promise<RunLock> {
  checkOutFolder(outDir, shown);
  await makeFolder(outDir, shown, cwd);
  const lock = await writeOrExplain(shown, () => lockRunFolder(outDir, shown));
  try {
    // Again under the lock: another run may have begun here since the check above.
    if (existsSync(join(outDir, 'results.jsonl'))) throw runExists(shown);
    await writeOrExplain(shown, () => writeFile(join(outDir, 'run.json'), `${JSON.stringify(meta, null, 2)}\n`));
    return lock;
  } catch (e) {
    await lock.release();
    throw e;
  }
}

function checkOutFolder(outDir: string, shown: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new UserError('CANNOT_WRITE', `${shown}: cannot write the run folder (a file is in the way)`);
  const entries = readdirSync(outDir);
  if (entries.includes('results.jsonl')) throw runExists(shown);
  const ours = entries.every((name) => RUN_FOLDER_FILES.has(name)) && (entries.includes('run.json') || entries.includes(LOCK_FILE));
  if (entries.length === 0 || ours) return;
  const foreign = entries.filter((name) => !RUN_FOLDER_FILES.has(name));
  const listed = foreign.length > 0 ? foreign : entries;
  const named = listed.slice(0, 3).map((name) => cutForMessage(name, 40));
  throw new UserError(
    'OUT_NOT_EMPTY',
    `${shown}: the folder holds files this tool did not write (${named.join(', ')}${listed.length > named.length ? ', …' : ''}); choose a new or empty --out folder`,
  );
}

function runExists(shown: string): UserError {
  return new UserError('RUN_EXISTS', `${shown}: a run is already there; choose another --out, or finish it with --resume ${shown}`);
}

/**
 * mkdir -p, with the folder that refused named: a recursive mkdir under a read-only folder can
 * report ENOENT, which would read "no such file" for a folder that is simply not writable.
 */
async function makeFolder(outDir: string, shown: string, cwd: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    let existing = dirname(outDir);
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    let why = errnoText(e);
    try {
      accessSync(existing, constants.W_OK);
    } catch (denied) {
      why = `${relative(cwd, existing) || '.'} is not writable: ${errnoText(denied)}`;
    }
    throw new UserError('CANNOT_WRITE', `${shown}: cannot write the run folder (${why})`);
  }
}
