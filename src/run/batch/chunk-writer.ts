import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionRequest } from '../providers/provider.ts';
import type { BatchClient, ChunkFile } from './batch-client.ts';
import type { BatchPhase } from './batch-state.ts';

/** Per batch, at most: the providers' limits, or less when the config says so. */
export interface ChunkLimits {
  requests: number;
  bytes: number;
}

/**
 * OpenAI: 50,000 requests and 200 MB per input file. Anthropic allows 100,000 requests or 256 MB,
 * but a batch is created with all its requests in one request body, which the SDK holds in memory
 * twice (the objects and their JSON): 10,000 requests or 32 MB keeps that small.
 */
export const PROVIDER_LIMITS: Record<BatchClient['api'], ChunkLimits> = {
  openai: { requests: 50_000, bytes: 200 * 1024 * 1024 - 1024 },
  anthropic: { requests: 10_000, bytes: 32 * 1024 * 1024 },
};

/**
 * Streams one target's requests of one phase into chunk files in the batch folder, starting a new
 * file at the limits. A file is reported (`onChunk`) only once it is closed whole.
 */
export function createChunkWriter(input: {
  dir: string;
  phase: BatchPhase;
  target: { id: string };
  client: BatchClient;
  limits: ChunkLimits;
  nextKey: () => string;
  onChunk: (chunk: ChunkFile & { file: string }) => void;
}) {
  let current: { fd: number; key: string; file: string; requests: number; bytes: number } | undefined;

  const closeCurrent = () => {
    if (!current) return;
    closeSync(current.fd);
    const { key, file, requests } = current;
    current = undefined;
    input.onChunk({ key, file, path: join(input.dir, file), requests });
  };

  return {
    async add(customId: string, request: CompletionRequest): Promise<void> {
      const line = Buffer.from(`${await input.client.formatLine(customId, request)}\n`);
      if (current && (current.requests >= input.limits.requests || current.bytes + line.length > input.limits.bytes)) closeCurrent();
      if (!current) {
        const key = input.nextKey();
        const file = `${key}.jsonl`;
        current = { fd: openSync(join(input.dir, file), 'w'), key, file, requests: 0, bytes: 0 };
      }
      let written = 0;
      while (written < line.length) written += writeSync(current.fd, line, written);
      current.requests++;
      current.bytes += line.length;
    },
    close: closeCurrent,
  };
}
