import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errnoText } from '../../config/read-yaml-file.ts';
import { parseEntry, serializeEntry, type CachedCompletion } from './cache-entry.ts';
import { CACHE_FORMAT_VERSION } from './cache-key.ts';

/**
 * The cache's files: `<dir>/v1/ab/abcdef….json`, one entry per file, keyed by content. Reads and
 * writes are synchronous: an entry is a few kilobytes on a local disk, and the benchmark showed the
 * promise-based calls costing several times the CPU of the syscalls themselves.
 */
export interface DiskStore {
  /** The entry, or undefined when there is none or it is unreadable (a miss, never an error). */
  read(key: string): Promise<CachedCompletion | undefined>;
  /** Never rejects: the first failure prints one warning and turns writing off for the run. */
  write(key: string, entry: CachedCompletion): Promise<void>;
}

export interface DiskStoreOptions {
  dir: string;
  /** How the folder is named in a warning (relative to the cwd). */
  shown: string;
  warn: (line: string) => void;
}

// Unique across processes and across stores in one process: two runs at once never share a temp file.
const TEMP_PREFIX = `${process.pid}-${randomBytes(4).toString('hex')}`;
let tempCount = 0;

/** A 2-character shard folder keeps any one folder small; each is created at most once a run. */
export function entryPath(dir: string, key: string): string {
  return join(dir, `v${CACHE_FORMAT_VERSION}`, key.slice(0, 2), `${key}.json`);
}

export function createDiskStore(options: DiskStoreOptions): DiskStore {
  let writable = true;
  let warnedRead = false;

  const giveUpWriting = (e: unknown) => {
    if (!writable) return;
    writable = false;
    options.warn(`cache: cannot write ${options.shown} (${errnoText(e)}); this run goes on without caching its calls`);
  };

  const shards = new Set<string>();
  const ensureShard = (folder: string): void => {
    if (shards.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    shards.add(folder);
  };

  return {
    async read(key) {
      let text: string;
      try {
        text = readFileSync(entryPath(options.dir, key), 'utf8');
      } catch (e) {
        if (!isMissing(e) && !warnedRead) {
          warnedRead = true;
          options.warn(`cache: cannot read ${options.shown} (${errnoText(e)}); its entries count as misses`);
        }
        return undefined;
      }
      return parseEntry(text);
    },

    async write(key, entry) {
      if (!writable) return;
      const path = entryPath(options.dir, key);
      const temp = `${path}.${TEMP_PREFIX}-${tempCount++}.tmp`;
      try {
        ensureShard(dirname(path));
        // Written aside, then renamed over: a reader sees the old entry or the whole new one, never half.
        writeFileSync(temp, serializeEntry(entry));
        renameSync(temp, path);
      } catch (e) {
        giveUpWriting(e);
        try {
          rmSync(temp, { force: true });
        } catch {
          // The folder itself is unusable: there is no temp file to clean up.
        }
      }
    },
  };
}

function isMissing(e: unknown): boolean {
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
