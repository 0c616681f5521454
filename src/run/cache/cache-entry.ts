import type { Usage } from '../../results/trial-result.ts';
import { CACHE_FORMAT_VERSION } from './cache-key.ts';

/** What a cache file holds: the model's text and what the call cost in tokens and time. */
export interface CachedCompletion {
  text: string;
  usage: Usage;
  /** The original call's latency: a cached re-run keeps meaningful latency percentiles. */
  latencyMs: number;
}

/** The file's text; `v` lets a reader tell an entry of another format from a corrupt one. */
export function serializeEntry(entry: CachedCompletion): string {
  return JSON.stringify({ v: CACHE_FORMAT_VERSION, text: entry.text, usage: entry.usage, latencyMs: entry.latencyMs });
}

/** A whole, well-formed entry, or undefined: a truncated or foreign file is a miss, never a crash. */
export function parseEntry(text: string): CachedCompletion | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data['v'] !== CACHE_FORMAT_VERSION || typeof data['text'] !== 'string') return undefined;
  const usage = data['usage'];
  const latencyMs = data['latencyMs'];
  if (!isRecord(usage) || !isCount(usage['inputTokens']) || !isCount(usage['outputTokens']) || !isCount(latencyMs)) return undefined;
  const cachedInput = usage['cachedInputTokens'];
  const cacheWrite = usage['cacheWriteTokens'];
  return {
    text: data['text'],
    usage: {
      inputTokens: usage['inputTokens'],
      outputTokens: usage['outputTokens'],
      // Prompt-cache counts, so a cached re-run reports the cost the call really had.
      ...(isCount(cachedInput) && cachedInput > 0 ? { cachedInputTokens: cachedInput } : {}),
      ...(isCount(cacheWrite) && cacheWrite > 0 ? { cacheWriteTokens: cacheWrite } : {}),
    },
    latencyMs,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
