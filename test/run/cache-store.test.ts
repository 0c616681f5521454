import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiskStore, entryPath, type DiskStore } from '../../src/run/cache/disk-store.ts';

const KEY = 'ab'.padEnd(64, '0');
const OTHER = 'cd'.padEnd(64, '1');
const ENTRY = { text: '{"type":"question","items":["언제까지요?"]}', usage: { inputTokens: 30, outputTokens: 9 }, latencyMs: 850 };

let dir: string;
let warnings: string[];
let store: DiskStore;
const open = (at = dir) => createDiskStore({ dir: at, shown: '.cache', warn: (line) => warnings.push(line) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ste-cache-'));
  warnings = [];
  store = open();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function listFiles(): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.json') || p.endsWith('.tmp')).sort();
}

describe('the disk store', () => {
  it('misses, then hits what was written, under v1/<2 chars>/<key>.json', async () => {
    expect(await store.read(KEY)).toBeUndefined();
    await store.write(KEY, ENTRY);
    expect(await store.read(KEY)).toEqual(ENTRY);
    expect(relative(dir, entryPath(dir, KEY))).toBe(join('v1', 'ab', `${KEY}.json`));
    expect(listFiles()).toEqual([join('v1', 'ab', `${KEY}.json`)]);
    // A second store (another run) reads the same folder.
    expect(await open().read(KEY)).toEqual(ENTRY);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['cut in half', JSON.stringify({ v: 1, ...ENTRY }).slice(0, 25)],
    ['binary', '\u0000\u0001\uFFFD'],
  ])('treats a %s entry as a miss, and a write replaces it', async (_what, junk) => {
    const path = entryPath(dir, KEY);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, junk);
    expect(await store.read(KEY)).toBeUndefined();
    await store.write(KEY, ENTRY);
    expect(await store.read(KEY)).toEqual(ENTRY);
    expect(warnings).toEqual([]);
  });

  it('keeps whole entries when many writers race on the same keys, leaving no temp file', async () => {
    const stores = [store, open(), open()];
    const texts = Array.from({ length: 30 }, (_, i) => ({ ...ENTRY, text: `reply ${i}` }));
    await Promise.all(texts.flatMap((entry, i) => [stores[i % 3]!.write(KEY, entry), stores[(i + 1) % 3]!.write(OTHER, entry)]));
    const read = await store.read(KEY);
    expect(texts.map((t) => t.text)).toContain(read?.text);
    expect(await store.read(OTHER)).toBeDefined();
    expect(listFiles()).toEqual([join('v1', 'ab', `${KEY}.json`), join('v1', 'cd', `${OTHER}.json`)]);
  });

  it('with a file in the way of the folder: one warning, the writes are skipped, reads miss quietly', async () => {
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const s = open(blocked);
    await Promise.all([s.write(KEY, ENTRY), s.write(OTHER, ENTRY)]);
    await s.write(KEY, ENTRY);
    expect(await s.read(KEY)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cache: cannot write \.cache \(.+\); this run goes on without caching its calls$/);
    expect(readFileSync(blocked, 'utf8')).toBe('x');
  });

  it('an entry it cannot read (a folder in its place) is a miss with one warning, not a crash', async () => {
    mkdirSync(entryPath(dir, KEY), { recursive: true });
    mkdirSync(entryPath(dir, OTHER), { recursive: true });
    expect(await store.read(KEY)).toBeUndefined();
    expect(await store.read(OTHER)).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/^cache: cannot read \.cache \(is a folder\); its entries count as misses$/)]);
  });

  it('writes the entry as JSON holding the text, usage and latency only', async () => {
    await store.write(KEY, ENTRY);
    expect(JSON.parse(readFileSync(entryPath(dir, KEY), 'utf8'))).toEqual({ v: 1, ...ENTRY });
  });
});
