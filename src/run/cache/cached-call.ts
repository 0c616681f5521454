import type { CachedCompletion } from './cache-entry.ts';
import { OfflineMissError, type OfflineMiss } from './offline-miss.ts';
import type { CacheCall, ResponseCache } from './response-cache.ts';

/** A hit to use instead of calling, or the key to store the call's reply under (none: not cached). */
export interface CacheLookup {
  key: string | undefined;
  hit: CachedCompletion | undefined;
}

const NOT_CACHED: CacheLookup = { key: undefined, hit: undefined };

/** Looks a call up before it is made; offline, a miss throws OfflineMissError (exit 2). */
export function lookUpCall(cache: ResponseCache | undefined, call: CacheCall, describe: () => OfflineMiss): CacheLookup {
  const key = cache?.keyOf(call);
  if (cache === undefined || key === undefined) return NOT_CACHED;
  const hit = cache.get(key);
  if (hit === undefined && cache.offline) throw new OfflineMissError(describe(), { dir: cache.shown });
  return { key, hit };
}

/** Stores a successful call's reply; only ever called after a success, so errors are never cached. */
export function storeCall(cache: ResponseCache | undefined, lookup: CacheLookup, entry: CachedCompletion): void {
  if (cache !== undefined && lookup.key !== undefined) cache.set(lookup.key, entry);
}
