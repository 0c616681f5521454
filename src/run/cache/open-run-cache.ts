import { relative, resolve } from 'node:path';
import { resolveEndpoint, type Env } from '../providers/create-providers.ts';
import { createResponseCache, type ResponseCache } from './response-cache.ts';

/** Next to the config, so every run of a project shares it; git-ignored. */
export const DEFAULT_CACHE_DIR = '.cache';

export interface RunCacheOptions {
  /** False with `--no-cache`. */
  enabled: boolean;
  offline: boolean;
  /** `--cache-dir`, relative to the cwd. */
  cacheDir: string | undefined;
  /** The project root (the config's folder). */
  root: string;
  cwd: string;
  env: Env;
  warn: (line: string) => void;
}

/** The run's response cache, or undefined with `--no-cache` (nothing read, nothing written). */
export function openRunCache(options: RunCacheOptions): ResponseCache | undefined {
  if (!options.enabled) return undefined;
  const dir = options.cacheDir === undefined ? resolve(options.root, DEFAULT_CACHE_DIR) : resolve(options.cwd, options.cacheDir);
  return createResponseCache({
    dir,
    shown: relative(options.cwd, dir) || '.',
    offline: options.offline,
    endpointOf: (target) => resolveEndpoint(target, options.env),
    warn: options.warn,
  });
}
