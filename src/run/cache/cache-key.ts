import { createHash } from 'node:crypto';
import type { ProviderName } from '../../config/target-schema.ts';
import type { Params } from '../../config/variant-schema.ts';
import { stableJson } from '../../plan/content-hash.ts';
import type { Message } from '../../render/message-types.ts';

/**
 * Bumped whenever what a key covers or what an entry holds changes (or an adapter starts sending
 * something new, such as another default max_tokens): old entries then simply stop matching.
 */
export const CACHE_FORMAT_VERSION = 1;

/** Everything that decides a model's reply — and nothing else: never the API key. */
export interface CacheKeyInput {
  purpose: 'reply' | 'judge' | 'pairwise';
  provider: ProviderName;
  /** The endpoint the call really goes to (config, then environment, then the provider's default). */
  baseURL: string;
  model: string;
  /** The merged params, as sent. */
  params: Params;
  system: string;
  messages: Message[];
  /**
   * The sample index of a reply call: each repeat is its own sample, so that a cached re-run keeps
   * the model's noise instead of serving one text `repeat` times. A judge call has none.
   */
  repeat?: number | undefined;
  /** The structured-output format sent (its name and JSON Schema), when the call asks for one. */
  output?: unknown;
}

/** sha256 (hex) of the canonical JSON of the input: stable key order, the format version included. */
export function buildCacheKey(input: CacheKeyInput): string {
  const canonical = stableJson({
    v: CACHE_FORMAT_VERSION,
    purpose: input.purpose,
    provider: input.provider,
    baseURL: input.baseURL,
    model: input.model,
    params: input.params,
    system: input.system,
    messages: input.messages.map((m) => ({ role: m.role, content: m.content })),
    repeat: input.repeat ?? null,
    // Only when set, so every key made before structured outputs existed stays the same.
    ...(input.output === undefined ? {} : { output: input.output }),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
