export { CACHE_FORMAT_VERSION, buildCacheKey, type CacheKeyInput } from './cache-key.ts';
export { parseEntry, serializeEntry, type CachedCompletion } from './cache-entry.ts';
export { cacheFile, openCacheStore, type CacheStore, type CacheStoreOptions } from './sqlite-store.ts';
export { createResponseCache, type CacheCall, type ResponseCache, type ResponseCacheOptions } from './response-cache.ts';
export { abandonCall, lookUpCall, storeCall, type CacheLookup } from './cached-call.ts';
export { OfflineMissError, describeMiss, type OfflineMiss } from './offline-miss.ts';
export { checkOfflinePlan } from './check-offline-plan.ts';
export { DEFAULT_CACHE_DIR, openRunCache, type RunCacheOptions } from './open-run-cache.ts';
