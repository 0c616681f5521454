import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type OpenAI from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { streamLines } from './read-lines.ts';
import { streamingFetch } from './streaming-fetch.ts';
import { buildOpenAIParams, isOfficialOpenAI, readOpenAICompletion } from '../providers/openai-params.ts';
import { CANCELLED_MESSAGE, EXPIRED_MESSAGE, NoBatchApiError, type BatchClient, type BatchLine, type BatchStatus } from './batch-client.ts';

const ENDPOINT = '/v1/chat/completions';
const ENDED = new Set(['completed', 'failed', 'expired', 'cancelled']);
/** The metadata key that finds a batch whose id a crash kept us from recording. */
const CHUNK_KEY = 'subtodo_eval_chunk';

export interface BatchClientOptions {
  apiKey: string;
  baseURL: string;
  redact: (text: string) => string;
}

/**
 * OpenAI's Batch API: the chunk file is uploaded as it is on disk (streamed, purpose `batch`), a
 * batch is created over it, polled, and its output and error files are read line by line.
 */
export function createOpenAIBatchClient(options: BatchClientOptions): BatchClient {
  let client: Promise<OpenAI> | undefined;
  // Uploads and downloads stream (see streamingFetch); the SDK's retries cover all but create.
  const sdk = () => (client ??= import('openai').then(({ default: Sdk }) => new Sdk({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 2, logLevel: 'off', fetch: streamingFetch })));
  const official = isOfficialOpenAI(options.baseURL);

  return {
    api: 'openai',
    async check() {
      try {
        await (await sdk()).batches.list({ limit: 1 });
      } catch (e) {
        throw new NoBatchApiError(`GET ${options.baseURL}/batches failed: ${options.redact(e instanceof Error ? e.message : String(e))}`);
      }
    },
    async formatLine(customId, request) {
      return JSON.stringify({ custom_id: customId, method: 'POST', url: ENDPOINT, body: await buildOpenAIParams(request, official) });
    },
    async upload(chunk) {
      const { toStreamingFile } = await import('openai');
      const file = await (await sdk()).files.create({ file: toStreamingFile(createReadStream(chunk.path), basename(chunk.path)), purpose: 'batch' }, { maxRetries: 0 });
      return file.id;
    },
    async create(chunk, fileId) {
      if (fileId === undefined) throw new Error(`chunk ${chunk.key} was not uploaded`);
      const batch = await (await sdk()).batches.create({ input_file_id: fileId, endpoint: ENDPOINT, completion_window: '24h', metadata: { [CHUNK_KEY]: chunk.key } }, { maxRetries: 0 });
      return batch.id;
    },
    async find(chunk) {
      for await (const batch of (await sdk()).batches.list({ limit: 100 })) {
        if (batch.metadata?.[CHUNK_KEY] === chunk.key) return batch.id;
      }
      return undefined;
    },
    async poll(batchId) {
      return describe(await (await sdk()).batches.retrieve(batchId));
    },
    async *results(batchId) {
      const openai = await sdk();
      const batch = await openai.batches.retrieve(batchId);
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        const response = await openai.files.content(fileId);
        if (!response.body) continue;
        for await (const line of streamLines(Readable.fromWeb(response.body))) yield readLine(line, options.redact);
      }
    },
    async cancel(batchId) {
      await (await sdk()).batches.cancel(batchId);
    },
  };
}

function describe(batch: Batch): BatchStatus {
  const c = batch.request_counts;
  const error = batch.status === 'failed' ? (batch.errors?.data ?? []).map((e) => e.message ?? e.code ?? '').filter(Boolean).join('; ') || 'the batch failed' : undefined;
  return {
    ended: ENDED.has(batch.status),
    status: batch.status,
    counts: c ? `${c.completed} completed · ${c.failed} failed of ${c.total}` : '',
    ...(error === undefined ? {} : { error: `batch failed: ${error}` }),
  };
}

interface OutputLine {
  custom_id?: string;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

/** One line of an output or error file: a chat completion, or why there is none. */
export function readLine(text: string, redact: (text: string) => string): BatchLine {
  const line = JSON.parse(text) as OutputLine;
  const customId = String(line.custom_id ?? '');
  const status = line.response?.status_code;
  if (status === 200) {
    const { text: reply, usage } = readOpenAICompletion(line.response?.body as ChatCompletion);
    return { customId, answer: { text: redact(reply), usage } };
  }
  if (line.error?.code === 'batch_expired') return { customId, error: { message: EXPIRED_MESSAGE } };
  if (line.error?.code === 'batch_cancelled') return { customId, error: { message: CANCELLED_MESSAGE } };
  const body = line.response?.body as { error?: { message?: string } } | undefined;
  const message = body?.error?.message ?? line.error?.message ?? line.error?.code ?? 'no reply';
  return { customId, error: { ...(status === undefined ? {} : { status }), message: redact(`batch: ${status === undefined ? '' : `HTTP ${status}: `}${message}`) } };
}
