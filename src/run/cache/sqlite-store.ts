import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { errnoText } from '../../config/read-yaml-file.ts';
import { parseEntry, serializeEntry, type CachedCompletion } from './cache-entry.ts';
import { CACHE_FORMAT_VERSION } from './cache-key.ts';

/** The cache's storage: one entry per key. */
export interface CacheStore {
  /** The entry, or undefined when there is none or it is unreadable (a miss, never an error). */
  read(key: string): CachedCompletion | undefined;
  /** Never throws: the first failure prints one warning and turns writing off for the run. */
  write(key: string, entry: CachedCompletion): void;
  close(): void;
}

export interface CacheStoreOptions {
  dir: string;
  /** How the folder is named in a warning (relative to the cwd). */
  shown: string;
  warn: (line: string) => void;
}

export function cacheFile(dir: string): string {
  return join(dir, `responses-v${CACHE_FORMAT_VERSION}.sqlite`);
}

/**
 * One SQLite file (Node's built-in `node:sqlite`) holding every entry, keyed by content. An entry
 * per file was the first design; on this kind of disk creating small files across many folders
 * cost up to 0.5 ms of CPU each, while an insert costs about 0.07 ms and a hit 0.01 ms. WAL mode
 * with a busy timeout lets two runs share the cache: readers never block, writers take turns, and
 * a transaction is whole or absent, so a crash never leaves half an entry. Writes are batched,
 * one transaction per FLUSH_MS or FLUSH_ENTRIES (a commit each cost more than the insert): a crash
 * loses at most that last batch of entries, never a result (those are in results.jsonl).
 */
const FLUSH_MS = 50;
const FLUSH_ENTRIES = 256;

export function openCacheStore(options: CacheStoreOptions): CacheStore {
  let db: DatabaseSync | undefined;
  /** Written but not committed yet: read from here first. */
  const pending = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let get: StatementSync | undefined;
  let put: StatementSync | undefined;
  let opened = false;
  let writable = true;
  let warnedRead = false;
  // Opened on first use: a run on the mock alone never creates the file.
  const open = () => {
    if (opened) return;
    opened = true;
    try {
      mkdirSync(options.dir, { recursive: true });
      db = new DatabaseSync(cacheFile(options.dir), { timeout: 10_000 });
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      db.exec('CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
      get = db.prepare('SELECT value FROM entries WHERE key = ?');
      put = db.prepare('INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)');
    } catch (e) {
      db?.close();
      db = undefined;
      writable = false;
      warnedRead = true;
      const broken = isSqliteError(e);
      const where = broken ? join(options.shown, basename(cacheFile(options.dir))) : options.shown;
      const fix = broken ? ': delete that file, or use another folder with --cache-dir' : '';
      options.warn(`cache: cannot open ${where} (${describe(e)})${fix}; this run goes on without the cache`);
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0 || !db || !put || !writable) return;
    try {
      db.exec('BEGIN');
      for (const [key, value] of pending) put.run(key, value);
      db.exec('COMMIT');
    } catch (e) {
      writable = false;
      try {
        db.exec('ROLLBACK');
      } catch {
        // Nothing was begun, or SQLite already rolled back.
      }
      options.warn(`cache: cannot write ${options.shown} (${describe(e)}); this run goes on without caching its calls`);
    }
    pending.clear();
  };

  return {
    read(key) {
      const queued = pending.get(key);
      if (queued !== undefined) return parseEntry(queued);
      open();
      if (!get) return undefined;
      try {
        const row = get.get(key);
        const value = row?.['value'];
        return typeof value === 'string' ? parseEntry(value) : undefined;
      } catch (e) {
        if (!warnedRead) {
          warnedRead = true;
          options.warn(`cache: cannot read ${options.shown} (${describe(e)}); its entries count as misses`);
        }
        return undefined;
      }
    },
    write(key, entry) {
      open();
      if (!writable || !put) return;
      pending.set(key, serializeEntry(entry));
      if (pending.size >= FLUSH_ENTRIES) flush();
      else if (timer === undefined) {
        timer = setTimeout(flush, FLUSH_MS);
        timer.unref();
      }
    },
    close() {
      flush();
      try {
        db?.close();
      } catch {
        // Closing only checkpoints the log; the entries are already committed.
      }
      db = undefined;
      get = undefined;
      put = undefined;
    },
  };
}

/** A file-system error's errno text, or SQLite's own message ("file is not a database"). */
function describe(e: unknown): string {
  if (isSqliteError(e)) return e instanceof Error ? e.message : String(e);
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string' && (e as { code: string }).code.startsWith('E')) return errnoText(e);
  return e instanceof Error ? e.message : String(e);
}

/** node:sqlite's errors carry code ERR_SQLITE_ERROR and SQLite's own text: the file, not the folder, is at fault. */
function isSqliteError(e: unknown): boolean {
  return e !== null && typeof e === 'object' && (e as { code?: unknown }).code === 'ERR_SQLITE_ERROR';
}
