import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFile, openCacheStore, type CacheStore } from '../../src/run/cache/sqlite-store.ts';

const KEY = 'ab'.padEnd(64, '0');
const OTHER = 'cd'.padEnd(64, '1');
const ENTRY = { text: '{"type":"question","items":["언제까지요?"]}', usage: { inputTokens: 30, outputTokens: 9 }, latencyMs: 850 };

let dir: string;
let warnings: string[];
const stores: CacheStore[] = [];
const open = (at = dir) => {
  const store = openCacheStore({ dir: at, shown: '.cache', warn: (line) => warnings.push(line) });
  stores.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ste-cache-'));
  warnings = [];
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the cache store', () => {
  it('misses, then hits what was written; another store (another run) reads it too', () => {
    const store = open();
    expect(store.read(KEY)).toBeUndefined();
    store.write(KEY, ENTRY);
    expect(store.read(KEY)).toEqual(ENTRY); // still in the batch
    expect(open().read(KEY)).toBeUndefined(); // not committed yet
    store.close();
    expect(open().read(KEY)).toEqual(ENTRY);
    expect(warnings).toEqual([]);
  });

  it('commits a batch on its own after a moment, without waiting for close', async () => {
    const store = open();
    store.write(KEY, ENTRY);
    await new Promise((r) => setTimeout(r, 120));
    expect(open().read(KEY)).toEqual(ENTRY);
  });

  it('creates nothing until it is used', () => {
    open().close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('two runs writing at once: every entry lands, none is torn', () => {
    const a = open();
    const b = open();
    // More than one batch each, committed in turns.
    for (let i = 0; i < 1200; i++) {
      (i % 2 === 0 ? a : b).write(`${i}`.padStart(64, '0'), { ...ENTRY, latencyMs: i });
    }
    a.close();
    b.close();
    const c = open();
    for (let i = 0; i < 1200; i++) expect(c.read(`${i}`.padStart(64, '0'))).toEqual({ ...ENTRY, latencyMs: i });
    expect(warnings).toEqual([]);
  });

  it('an entry that is not a whole entry of this format is a miss, and is overwritten', () => {
    const store = open();
    store.write(KEY, ENTRY);
    store.close();
    const db = new DatabaseSync(cacheFile(dir));
    db.prepare('UPDATE entries SET value = ? WHERE key = ?').run('{"v":1,"text":"cut', KEY);
    db.prepare('INSERT INTO entries (key, value) VALUES (?, ?)').run(OTHER, '{"v":999,"text":"x","usage":{"inputTokens":1,"outputTokens":1},"latencyMs":1}');
    db.close();
    const again = open();
    expect(again.read(KEY)).toBeUndefined();
    expect(again.read(OTHER)).toBeUndefined();
    again.write(KEY, ENTRY);
    again.close();
    expect(open().read(KEY)).toEqual(ENTRY);
    expect(warnings).toEqual([]);
  });

  it('a file that is not a database: one warning that names the file and the fix, reads miss, writes are skipped, no crash', () => {
    writeFileSync(cacheFile(dir), 'this is not SQLite '.repeat(100));
    const store = open();
    expect(store.read(KEY)).toBeUndefined();
    store.write(KEY, ENTRY);
    store.write(OTHER, ENTRY);
    expect(store.read(KEY)).toBeUndefined();
    expect(warnings).toEqual([
      `cache: cannot open ${join('.cache', basename(cacheFile(dir)))} (file is not a database): delete that file, or use another folder with --cache-dir; this run goes on without the cache`,
    ]);
  });

  it('a file in the way of the folder: one warning, and the run goes on', () => {
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const store = open(blocked);
    store.write(KEY, ENTRY);
    expect(store.read(KEY)).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/^cache: cannot open \.cache \(.*(in the way|not a directory|ENOTDIR|EEXIST).*\); this run goes on without the cache$/i)]);
  });
});
