import type { CachedCompletion } from './cache-entry.ts';
import { OfflineMissError, type OfflineMiss } from './offline-miss.ts';
import type { CacheCall, ResponseCache } from './response-cache.ts';

/** A hit to use instead of calling, or the key to store the call's reply under (none: not cached). */
export interface CacheLookup {
  key: string | undefined;
  hit: CachedCompletion | undefined;
  /** Hands the call's outcome to identical calls waiting on it (undefined: it failed, they call). */
  settle?: (entry: CachedCompletion | undefined) => void;
}

const NOT_CACHED: CacheLookup = { key: undefined, hit: undefined };

/** Calls in flight per cache, by key: the second of two identical calls waits for the first. */
const inFlight = new WeakMap<ResponseCache, Map<string, Promise<CachedCompletion | undefined>>>();

/**
 * Looks a call up before it is made. A call identical to one in flight (the judge grading the same
 * reply for two trials) waits for that one instead of paying again. Offline, a miss throws
 * OfflineMissError (exit 2).
 */
export async function lookUpCall(cache: ResponseCache | undefined, call: CacheCall, describe: () => OfflineMiss): Promise<CacheLookup> {
  const key = cache?.keyOf(call);
  if (cache === undefined || key === undefined) return NOT_CACHED;
  const hit = cache.get(key);
  if (hit !== undefined) return { key, hit };
  if (cache.offline) throw new OfflineMissError(describe(), { dir: cache.shown });
  let calls = inFlight.get(cache);
  if (calls === undefined) inFlight.set(cache, (calls = new Map()));
  const pending = calls.get(key);
  if (pending !== undefined) {
    const shared = await pending;
    if (shared !== undefined) return { key, hit: shared };
  }
  let settle: (entry: CachedCompletion | undefined) => void = () => {};
  const mine = new Promise<CachedCompletion | undefined>((resolve) => (settle = resolve));
  calls.set(key, mine);
  const table = calls;
  return {
    key,
    hit: undefined,
    settle: (entry) => {
      if (table.get(key) === mine) table.delete(key);
      settle(entry);
    },
  };
}

/** Stores a successful call's reply; only ever called after a success, so errors are never cached. */
export function storeCall(cache: ResponseCache | undefined, lookup: CacheLookup, entry: CachedCompletion): void {
  if (cache !== undefined && lookup.key !== undefined) cache.set(lookup.key, entry);
  lookup.settle?.(entry);
}

/** The call failed or was cut short: identical calls waiting on it make their own. */
export function abandonCall(lookup: CacheLookup): void {
  lookup.settle?.(undefined);
}
