import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.ts';
import { LOCK_FILE, lockRunFolder } from '../../src/results/index.ts';
import { isProcessAlive, type LockDeps } from '../../src/results/run-lock.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ste-lock-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date('2026-11-20T10:00:00Z');
const deps = (pid: number, alive: readonly number[] = []): LockDeps => ({ pid, host: 'box', now: () => now, isAlive: (p) => alive.includes(p) });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isUserError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('expected the lock to be refused');
}

describe('lockRunFolder', () => {
  it('lets one process hold a run folder, names it to the next, and frees it on release', async () => {
    const lock = await lockRunFolder(dir, 'run', deps(100, [100, 200]));
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: 100, host: 'box', since: now.toISOString() });
    const message = await refusal(lockRunFolder(dir, 'run', deps(200, [100, 200])));
    expect(message).toBe(
      'RUN_LOCKED: run: another subtodo-eval run is writing this folder (pid 100 on box, since 2026-11-20T10:00:00.000Z); wait for it to end or stop it (if pid 100 is not subtodo-eval, delete run/run.lock)',
    );
    await lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const next = await lockRunFolder(dir, 'run', deps(200, [200]));
    await next.release();
  });

  it('takes over the lock of a process that is gone', async () => {
    await lockRunFolder(dir, 'run', deps(100, [100]));
    const lock = await lockRunFolder(dir, 'run', deps(200, [200]));
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 200 });
    await lock.release();
  });

  it('does not take over a lock held by another host, which it cannot check', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 100, host: 'other', since: now.toISOString() }));
    expect(await refusal(lockRunFolder(dir, 'run', deps(200, [200])))).toMatch(/pid 100 on other/);
  });

  it('treats an unreadable lock as being written, until it is old', async () => {
    const file = join(dir, LOCK_FILE);
    writeFileSync(file, '');
    utimesSync(file, now, now);
    expect(await refusal(lockRunFolder(dir, 'run', deps(200, [200])))).toMatch(/another subtodo-eval run is starting in this folder/);
    const old = new Date(now.getTime() - 60_000);
    utimesSync(file, old, old);
    const lock = await lockRunFolder(dir, 'run', deps(200, [200]));
    await lock.release();
  });

  it('never releases a lock another process took over', async () => {
    const lock = await lockRunFolder(dir, 'run', deps(100, [100]));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 300, host: 'box', since: now.toISOString() }));
    await lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});

describe('isProcessAlive', () => {
  it('tells this process from a pid that does not exist', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
  });
});
