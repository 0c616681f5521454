import type { Target } from '../../config/target-schema.ts';
import { z } from 'zod';
import type { CompletionRequest, Provider, StructuredOutput } from '../providers/provider.ts';
import type { CachedCompletion } from './cache-entry.ts';
import { buildCacheKey } from './cache-key.ts';
import { openCacheStore } from './sqlite-store.ts';

/** One model call as the cache sees it. */
export interface CacheCall {
  provider: Provider;
  target: Target;
  request: CompletionRequest;
  /** The sample index of a reply call (each repeat is its own sample); none for a judge call. */
  repeat?: number | undefined;
}

/** The response cache a run reads and fills; see `createResponseCache`. */
export interface ResponseCache {
  /** `--offline`: only the cache answers; a miss is an error and nothing is written. */
  readonly offline: boolean;
  /** The folder, as shown to the user. */
  readonly shown: string;
  /** The call's key, or undefined when it is not cached: a simulated model costs nothing to ask again. */
  keyOf(call: CacheCall): string | undefined;
  get(key: string): CachedCompletion | undefined;
  /** Never throws; a no-op offline. */
  set(key: string, entry: CachedCompletion): void;
  /** At the end of the run. */
  close(): void;
}

export interface ResponseCacheOptions {
  dir: string;
  shown: string;
  offline: boolean;
  /** The base URL a target's calls really go to; part of the key (another server, another model). */
  endpointOf: (target: Target) => string;
  warn: (line: string) => void;
}

/**
 * A content-addressed cache on disk: the key is a hash of what decides the reply (provider,
 * endpoint, model, params, system, messages, purpose, sample index), so an unchanged call is never
 * paid twice and any change to the prompt or params is a new key. Entries are committed whole, so
 * two runs can share a folder (see openCacheStore).
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const store = openCacheStore({ dir: options.dir, shown: options.shown, warn: options.warn });
  return {
    offline: options.offline,
    shown: options.shown,
    keyOf({ provider, target, request, repeat }) {
      if (provider.simulated || target.provider === 'mock') return undefined;
      return buildCacheKey({
        purpose: request.purpose ?? 'reply',
        provider: target.provider,
        baseURL: options.endpointOf(target),
        model: request.model,
        params: request.params,
        system: request.system,
        messages: request.messages,
        repeat,
        output: request.output === undefined ? undefined : describeOutput(request.output),
      });
    },
    get: (key) => store.read(key),
    set: (key, entry) => {
      if (!options.offline) store.write(key, entry);
    },
    close: () => store.close(),
  };
}

const outputKeys = new WeakMap<z.ZodType, unknown>();

/** The structured-output format as the key sees it: its name and JSON Schema (computed once per schema). */
function describeOutput(output: StructuredOutput): unknown {
  let schema = outputKeys.get(output.schema);
  if (schema === undefined) outputKeys.set(output.schema, (schema = z.toJSONSchema(output.schema)));
  return { name: output.name, schema };
}
