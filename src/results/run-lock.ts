import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { UserError } from '../errors.ts';

/** In the run folder while a run or a resume writes it. */
export const LOCK_FILE = 'run.lock';

/** A lock file that says nothing (a kill between its creation and its first write) is stale after this. */
const UNREADABLE_STALE_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export interface RunLock {
  release(): Promise<void>;
}

export interface LockDeps {
  pid: number;
  host: string;
  now: () => Date;
  /** Whether a process of this host is alive. */
  isAlive: (pid: number) => boolean;
}

const systemDeps = (): LockDeps => ({ pid: process.pid, host: hostname(), now: () => new Date(), isAlive: isProcessAlive });

/**
 * Takes the run folder for this process: two runs appending to one results.jsonl would both make
 * the missing calls. The lock is a file created exclusively (O_EXCL), naming its holder. A holder
 * that is gone (its pid is dead on this host) left a stale lock, taken over: it is renamed away
 * first, so of two processes taking over at once only one succeeds.
 */
export async function lockRunFolder(dir: string, shown: string, deps: LockDeps = systemDeps()): Promise<RunLock> {
  const path = join(dir, LOCK_FILE);
  const mine: Holder = { pid: deps.pid, host: deps.host, since: deps.now().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, text, { flag: 'wx' });
      return { release: () => releaseLock(path, text) };
    } catch (e) {
      if (!isCode(e, 'EEXIST')) throw e;
    }
    const held = await readHolder(path);
    if (held === 'gone') continue;
    if (!(await isStale(path, held, deps))) throw lockedBy(shown, held);
    if (!(await takeOver(path, held, deps.pid))) throw lockedBy(shown, held);
  }
  throw lockedBy(shown, await readHolder(path));
}

async function releaseLock(path: string, text: string): Promise<void> {
  // Only our own lock: after a stale takeover by another process the file is theirs.
  const now = await readFile(path, 'utf8').catch(() => undefined);
  if (now === text) await unlink(path).catch(() => undefined);
}

async function readHolder(path: string): Promise<Holder | 'unreadable' | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (isCode(e, 'ENOENT')) return 'gone';
    throw e;
  }
  try {
    const data = JSON.parse(text) as Partial<Holder>;
    if (Number.isSafeInteger(data.pid) && typeof data.host === 'string' && typeof data.since === 'string') return data as Holder;
  } catch {
    // falls through: not a lock this tool wrote whole
  }
  return 'unreadable';
}

async function isStale(path: string, held: Holder | 'unreadable', deps: LockDeps): Promise<boolean> {
  if (held === 'unreadable') {
    const age = await stat(path).then((s) => deps.now().getTime() - s.mtimeMs, () => 0);
    return age > UNREADABLE_STALE_MS;
  }
  // A pid means nothing on another host (a shared folder): only its own host can tell it is gone.
  return held.host === deps.host && held.pid !== deps.pid && !deps.isAlive(held.pid);
}

/** Renames the stale lock away; false when another process changed it meanwhile (then it is put back). */
async function takeOver(path: string, held: Holder | 'unreadable', pid: number): Promise<boolean> {
  const aside = `${path}.stale-${pid}`;
  try {
    await rename(path, aside);
  } catch (e) {
    if (isCode(e, 'ENOENT')) return true;
    throw e;
  }
  const moved = await readHolder(aside);
  const same = held === 'unreadable' ? moved === 'unreadable' : moved !== 'gone' && moved !== 'unreadable' && moved.pid === held.pid && moved.since === held.since;
  if (same) {
    await unlink(aside).catch(() => undefined);
    return true;
  }
  await rename(aside, path).catch(() => undefined);
  return false;
}

function lockedBy(shown: string, held: Holder | 'unreadable' | 'gone'): UserError {
  const file = join(shown, LOCK_FILE);
  if (held === 'unreadable' || held === 'gone') {
    return new UserError('RUN_LOCKED', `${shown}: another subtodo-eval run is starting in this folder (${file} is being written); wait for it, or delete ${file} if no run is going`);
  }
  return new UserError(
    'RUN_LOCKED',
    `${shown}: another subtodo-eval run is writing this folder (pid ${held.pid} on ${held.host}, since ${held.since}); wait for it to end or stop it (if pid ${held.pid} is not subtodo-eval, delete ${file})`,
  );
}

/** kill(pid, 0) sends nothing: it only asks whether the process exists (EPERM: it does, as another user's). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return isCode(e, 'EPERM');
  }
}

function isCode(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}
