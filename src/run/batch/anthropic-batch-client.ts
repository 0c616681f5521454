import type Anthropic from '@anthropic-ai/sdk';
import type { MessageBatch, MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages';
import type { BatchCreateParams } from '@anthropic-ai/sdk/resources/messages/batches';
import { fileLines } from './read-lines.ts';
import { streamingFetch } from './streaming-fetch.ts';
import { buildAnthropicParams, readAnthropicMessage } from '../providers/anthropic-params.ts';
import { CANCELLED_MESSAGE, EXPIRED_MESSAGE, NoBatchApiError, type BatchClient, type BatchLine, type BatchStatus } from './batch-client.ts';
import type { BatchClientOptions } from './openai-batch-client.ts';

/** How far from a recorded "submitting" a batch we did not record may have been created. */
const FIND_WINDOW_MS = 10 * 60_000;

/**
 * Anthropic's Message Batches: a batch is created with its requests in the body (read from the
 * chunk file, which is why chunks stay small), polled, and its results streamed as JSONL.
 */
export function createAnthropicBatchClient(options: BatchClientOptions): BatchClient {
  let client: Promise<Anthropic> | undefined;
  const sdk = () => (client ??= import('@anthropic-ai/sdk').then(({ default: Sdk }) => new Sdk({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 2, logLevel: 'off', fetch: streamingFetch })));

  return {
    api: 'anthropic',
    async check() {
      try {
        await (await sdk()).messages.batches.list({ limit: 1 });
      } catch (e) {
        throw new NoBatchApiError(`GET ${options.baseURL}/v1/messages/batches failed: ${options.redact(e instanceof Error ? e.message : String(e))}`);
      }
    },
    async formatLine(customId, request) {
      return JSON.stringify({ custom_id: customId, params: await buildAnthropicParams(request) });
    },
    upload: () => Promise.resolve(undefined),
    async create(chunk) {
      const requests: BatchCreateParams.Request[] = [];
      for await (const line of fileLines(chunk.path)) requests.push(JSON.parse(line) as BatchCreateParams.Request);
      return (await (await sdk()).messages.batches.create({ requests }, { maxRetries: 0 })).id;
    },
    async find(chunk, submittingAt) {
      // Batches carry no metadata: a batch of this size created right after we began to submit it.
      const from = Date.parse(submittingAt) - 1000;
      const matches: string[] = [];
      for await (const batch of (await sdk()).messages.batches.list({ limit: 100 })) {
        const created = Date.parse(batch.created_at);
        if (created < from) break;
        if (created <= from + FIND_WINDOW_MS && total(batch) === chunk.requests) matches.push(batch.id);
      }
      return matches.length === 1 ? matches[0] : undefined;
    },
    async poll(batchId) {
      return describe(await (await sdk()).messages.batches.retrieve(batchId));
    },
    async *results(batchId) {
      for await (const item of await (await sdk()).messages.batches.results(batchId)) yield readResult(item, options.redact);
    },
    async cancel(batchId) {
      await (await sdk()).messages.batches.cancel(batchId);
    },
  };
}

function total(batch: MessageBatch): number {
  const c = batch.request_counts;
  return c.processing + c.succeeded + c.errored + c.canceled + c.expired;
}

function describe(batch: MessageBatch): BatchStatus {
  const c = batch.request_counts;
  return {
    ended: batch.processing_status === 'ended',
    status: batch.processing_status,
    counts: `${c.succeeded} succeeded · ${c.errored} errored · ${c.expired} expired · ${c.canceled} canceled · ${c.processing} processing`,
  };
}

export function readResult(item: MessageBatchIndividualResponse, redact: (text: string) => string): BatchLine {
  const { result } = item;
  switch (result.type) {
    case 'succeeded': {
      const { text, usage } = readAnthropicMessage(result.message);
      return { customId: item.custom_id, answer: { text: redact(text), usage } };
    }
    case 'errored':
      return { customId: item.custom_id, error: { message: redact(`batch: ${result.error.error.type}: ${result.error.error.message}`) } };
    case 'expired':
      return { customId: item.custom_id, error: { message: EXPIRED_MESSAGE } };
    case 'canceled':
      return { customId: item.custom_id, error: { message: CANCELLED_MESSAGE } };
  }
}
