import type { CompletionRequest } from '../providers/provider.ts';
import type { Usage } from '../../results/trial-result.ts';

/** One request's outcome in a batch's results, by the custom id it was sent with. */
export interface BatchLine {
  customId: string;
  answer?: { text: string; usage: Usage };
  /** Errored, expired or cancelled: becomes a provider_error result (`--retry-errors` sends it again). */
  error?: { status?: number; message: string };
}

/** A batch as the provider reports it while it runs. */
export interface BatchStatus {
  ended: boolean;
  /** The provider's own word: validating, in_progress, ended, completed, expired… */
  status: string;
  /** The provider's counts, as it names them (`completed 120 · failed 2 of 500`). */
  counts: string;
  /** A batch-level failure (OpenAI: the input file did not validate); every request of it failed. */
  error?: string;
}

/** A chunk of requests written to the run folder, ready to go out as one batch. */
export interface ChunkFile {
  key: string;
  path: string;
  requests: number;
}

/**
 * A provider's batch API behind one small interface, like Provider for live calls: only the two
 * implementations import an SDK. Control calls (create) are never retried by the SDK: a timed-out
 * create may have created the batch, and resending it would pay twice; `find` recovers its id.
 */
export interface BatchClient {
  readonly api: 'openai' | 'anthropic';
  /** Throws NoBatchApiError when the endpoint has no batch API (a local server). */
  check(): Promise<void>;
  /** One line of a chunk file for this provider. */
  formatLine(customId: string, request: CompletionRequest): Promise<string>;
  /** OpenAI: uploads the chunk file; Anthropic has no upload (undefined). */
  upload(chunk: ChunkFile): Promise<string | undefined>;
  create(chunk: ChunkFile, fileId: string | undefined): Promise<string>;
  /** A batch created for this chunk whose id was never recorded (a crash right after create). */
  find(chunk: ChunkFile, submittingAt: string): Promise<string | undefined>;
  poll(batchId: string): Promise<BatchStatus>;
  /** The results of an ended batch, streamed as they are read: never held whole. */
  results(batchId: string): AsyncIterable<BatchLine>;
  cancel(batchId: string): Promise<void>;
}

export class NoBatchApiError extends Error {}

/** Expired and cancelled requests say so in words a reader of results.jsonl understands. */
export const EXPIRED_MESSAGE = 'batch: expired before it ran (the provider\'s 24 h window ended)';
export const CANCELLED_MESSAGE = 'batch: cancelled before it ran';
