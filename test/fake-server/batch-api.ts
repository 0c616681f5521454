import { createReadStream, createWriteStream, existsSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FakeApi, RecordedRequest } from './fake-types.ts';
import { saveMultipart } from './multipart.ts';
import { isRecord, readPromptTexts } from './read-request.ts';

/**
 * OpenAI's Files + Batches endpoints and Anthropic's Message Batches, as the official SDKs call
 * them. A batch takes `processingMs` from creation to its end (its counts move with the clock);
 * then every request is answered by the server's responder, as a live call would be: a text is a
 * success, a fault an errored request. `[[batch: expire]]` in a request's last user text makes it
 * expire; cancelling ends a batch with the requests not yet processed cancelled. Inputs and
 * outputs live in files, so a batch of 100,000 requests costs the server little memory.
 */
export interface BatchApiDeps {
  /** The server's address, known once it listens. */
  url: () => string;
  dir: string;
  /** The responder's answer to one request: an HTTP status and the provider's JSON body. */
  answer: (req: RecordedRequest) => Promise<{ status: number; body: unknown }>;
  record: (req: RecordedRequest) => void;
  processingMs: () => number;
}

const EXPIRE = /\[\[\s*batch:\s*expire\s*\]\]/;

interface FakeBatch {
  api: FakeApi;
  id: string;
  createdAt: number;
  total: number;
  input: string;
  metadata: Record<string, string> | null;
  inputFileId: string;
  endpoint: string;
  cancelledAt?: number;
  /** Set once the batch has ended (finalizing), resolved when its outputs are written. */
  finished?: Promise<void>;
  done?: { status: string; completed: number; failed: number; byType: Record<string, number>; outputFileId?: string; errorFileId?: string; results?: string; endedAt: number };
}

interface FakeFile {
  id: string;
  path: string;
  filename: string;
  bytes: number;
  purpose: string;
  createdAt: number;
}

export function createBatchApi(deps: BatchApiDeps) {
  const files = new Map<string, FakeFile>();
  const batches = new Map<string, FakeBatch>();
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}${(++seq).toString().padStart(6, '0')}`;
  const now = () => Date.now();

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const notFound = (res: ServerResponse, api: FakeApi, what: string) =>
    send(res, 404, api === 'openai' ? { error: { message: `No such ${what}`, type: 'invalid_request_error', param: null, code: null } } : { type: 'error', error: { type: 'not_found_error', message: `No such ${what}` } });

  /** Counts as the clock says: how many requests have been processed by now. */
  const processed = (b: FakeBatch) => {
    const end = b.cancelledAt ?? now();
    const ms = deps.processingMs();
    return ms <= 0 ? b.total : Math.min(b.total, Math.floor((b.total * (end - b.createdAt)) / ms));
  };
  const ended = (b: FakeBatch) => b.cancelledAt !== undefined || now() - b.createdAt >= deps.processingMs();

  function finish(b: FakeBatch): Promise<void> {
    b.finished ??= answerAll(b);
    return b.finished;
  }

  async function answerAll(b: FakeBatch): Promise<void> {
    const limit = b.cancelledAt === undefined ? b.total : processed(b);
    const out = join(deps.dir, `${b.id}-out.jsonl`);
    const err = join(deps.dir, `${b.id}-err.jsonl`);
    const outStream = createWriteStream(out);
    const errStream = b.api === 'openai' ? createWriteStream(err) : outStream;
    const counts = { completed: 0, failed: 0, byType: { succeeded: 0, errored: 0, canceled: 0, expired: 0 } as Record<string, number> };
    let expiredAny = false;
    let index = 0;
    const lines = createInterface({ input: createReadStream(b.input, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const item = JSON.parse(line) as Record<string, unknown>;
      const customId = String(item['custom_id']);
      const body = b.api === 'openai' ? item['body'] : item['params'];
      const path = b.api === 'openai' ? String(item['url'] ?? b.endpoint) : '/v1/messages';
      const texts = readPromptTexts(b.api, body);
      const i = index++;
      if (i >= limit) {
        counts.byType['canceled'] = (counts.byType['canceled'] ?? 0) + 1;
        counts.failed++;
        await write(errStream, b.api === 'openai' ? { id: `batch_req_${b.id}_${i}`, custom_id: customId, response: null, error: { code: 'batch_cancelled', message: 'This request was cancelled before it ran.' } } : { custom_id: customId, result: { type: 'canceled' } });
        continue;
      }
      if (EXPIRE.test(texts.lastUserText)) {
        expiredAny = true;
        counts.byType['expired'] = (counts.byType['expired'] ?? 0) + 1;
        counts.failed++;
        await write(errStream, b.api === 'openai' ? { id: `batch_req_${b.id}_${i}`, custom_id: customId, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } } : { custom_id: customId, result: { type: 'expired' } });
        continue;
      }
      const recorded: RecordedRequest = { api: b.api, path, method: 'POST', headers: {}, body, lastUserText: texts.lastUserText, systemText: texts.systemText, attempt: 1, batchId: b.id };
      deps.record(recorded);
      const { status, body: answer } = await deps.answer(recorded);
      const ok = status === 200;
      if (ok) {
        counts.completed++;
        counts.byType['succeeded'] = (counts.byType['succeeded'] ?? 0) + 1;
      } else {
        counts.failed++;
        counts.byType['errored'] = (counts.byType['errored'] ?? 0) + 1;
      }
      if (b.api === 'openai') {
        await write(ok ? outStream : errStream, { id: `batch_req_${b.id}_${i}`, custom_id: customId, response: { status_code: status, request_id: `req_${b.id}_${i}`, body: answer }, error: null });
      } else {
        await write(outStream, { custom_id: customId, result: ok ? { type: 'succeeded', message: answer } : { type: 'errored', error: isRecord(answer) && answer['type'] === 'error' ? answer : { type: 'error', error: { type: 'api_error', message: JSON.stringify(answer) } } } });
      }
    }
    await Promise.all([close(outStream), ...(errStream === outStream ? [] : [close(errStream)])]);
    const done: NonNullable<FakeBatch['done']> = { status: b.cancelledAt !== undefined ? 'cancelled' : expiredAny ? 'expired' : 'completed', ...counts, endedAt: now() };
    if (b.api === 'openai') {
      if (statSync(out).size > 0) done.outputFileId = addFile(out, `${b.id}_output.jsonl`, 'batch_output').id;
      if (statSync(err).size > 0) done.errorFileId = addFile(err, `${b.id}_error.jsonl`, 'batch_output').id;
    } else done.results = out;
    b.done = done;
  }

  function addFile(path: string, filename: string, purpose: string): FakeFile {
    const file = { id: nextId('file-'), path, filename, bytes: existsSync(path) ? statSync(path).size : 0, purpose, createdAt: Math.floor(now() / 1000) };
    files.set(file.id, file);
    return file;
  }

  const fileObject = (f: FakeFile) => ({ id: f.id, object: 'file', bytes: f.bytes, created_at: f.createdAt, filename: f.filename, purpose: f.purpose, status: 'processed', expires_at: null, status_details: null });

  function openaiBatch(b: FakeBatch) {
    const n = processed(b);
    const done = b.done;
    const status = done ? done.status : b.cancelledAt !== undefined ? 'cancelling' : ended(b) ? 'finalizing' : n === 0 && deps.processingMs() > 0 ? 'validating' : 'in_progress';
    const sec = (ms: number) => Math.floor(ms / 1000);
    return {
      id: b.id,
      object: 'batch',
      endpoint: b.endpoint,
      errors: null,
      input_file_id: b.inputFileId,
      completion_window: '24h',
      status,
      output_file_id: done?.outputFileId ?? null,
      error_file_id: done?.errorFileId ?? null,
      created_at: sec(b.createdAt),
      in_progress_at: sec(b.createdAt),
      expires_at: sec(b.createdAt) + 86_400,
      finalizing_at: null,
      completed_at: done && done.status === 'completed' ? sec(done.endedAt) : null,
      failed_at: null,
      expired_at: done && done.status === 'expired' ? sec(done.endedAt) : null,
      cancelling_at: b.cancelledAt === undefined ? null : sec(b.cancelledAt),
      cancelled_at: done && done.status === 'cancelled' ? sec(done.endedAt) : null,
      request_counts: done ? { total: b.total, completed: done.completed, failed: done.failed } : { total: b.total, completed: Math.min(n, b.total), failed: 0 },
      metadata: b.metadata,
    };
  }

  function anthropicBatch(b: FakeBatch) {
    const done = b.done;
    const n = processed(b);
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      id: b.id,
      type: 'message_batch',
      processing_status: done ? 'ended' : b.cancelledAt !== undefined ? 'canceling' : 'in_progress',
      request_counts: done
        ? { processing: 0, succeeded: done.byType['succeeded'] ?? 0, errored: done.byType['errored'] ?? 0, canceled: done.byType['canceled'] ?? 0, expired: done.byType['expired'] ?? 0 }
        : { processing: b.total - Math.min(n, b.total), succeeded: Math.min(n, b.total), errored: 0, canceled: 0, expired: 0 },
      ended_at: done ? iso(done.endedAt) : null,
      created_at: iso(b.createdAt),
      expires_at: iso(b.createdAt + 86_400_000),
      archived_at: null,
      cancel_initiated_at: b.cancelledAt === undefined ? null : iso(b.cancelledAt),
      results_url: done ? `${deps.url()}/v1/messages/batches/${b.id}/results` : null,
    };
  }

  /** The batch as its provider shows it now; a batch whose time is up is answered first. */
  async function view(b: FakeBatch) {
    if (ended(b)) await finish(b);
    return b.api === 'openai' ? openaiBatch(b) : anthropicBatch(b);
  }

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    return text === '' ? {} : (JSON.parse(text) as unknown);
  }

  async function createOpenAIBatch(req: IncomingMessage, res: ServerResponse, record: RecordedRequest) {
    const body = await readJson(req);
    record.body = body;
    deps.record(record);
    const fileId = isRecord(body) ? String(body['input_file_id']) : '';
    const file = files.get(fileId);
    if (!file) return notFound(res, 'openai', `file ${fileId}`);
    let total = 0;
    for await (const line of createInterface({ input: createReadStream(file.path, { encoding: 'utf8' }), crlfDelay: Infinity })) if (line.trim() !== '') total++;
    const metadata = isRecord(body) && isRecord(body['metadata']) ? (body['metadata'] as Record<string, string>) : null;
    const b: FakeBatch = { api: 'openai', id: nextId('batch_'), createdAt: now(), total, input: file.path, metadata, inputFileId: fileId, endpoint: isRecord(body) ? String(body['endpoint']) : '/v1/chat/completions' };
    batches.set(b.id, b);
    send(res, 200, await view(b));
  }

  async function createAnthropicBatch(req: IncomingMessage, res: ServerResponse, record: RecordedRequest) {
    const id = nextId('msgbatch_');
    const input = join(deps.dir, `${id}-in.jsonl`);
    const body = await readJson(req);
    const requests = isRecord(body) && Array.isArray(body['requests']) ? body['requests'] : [];
    writeFileSync(input, requests.map((r) => `${JSON.stringify(r)}\n`).join(''));
    record.body = { requests: requests.length };
    deps.record(record);
    const b: FakeBatch = { api: 'anthropic', id, createdAt: now(), total: requests.length, input, metadata: null, inputFileId: '', endpoint: '/v1/messages' };
    batches.set(id, b);
    send(res, 200, await view(b));
  }

  function streamFile(res: ServerResponse, path: string, type: string) {
    res.writeHead(200, { 'content-type': type, 'content-length': statSync(path).size });
    createReadStream(path).pipe(res);
  }

  /** Routes the batch endpoints; false when the path is none of them. */
  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const method = req.method ?? 'GET';
    const api: FakeApi = path.startsWith('/v1/messages/') ? 'anthropic' : 'openai';
    const record: RecordedRequest = { api, path, method, headers: {}, body: null, lastUserText: '', systemText: '', attempt: 1 };
    const openaiFile = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
    const openaiBatchPath = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    const anthropicBatchPath = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);

    if (path === '/v1/files' && method === 'POST') {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
      const id = nextId('file-');
      const dest = join(deps.dir, `${id}.jsonl`);
      const upload = await saveMultipart(req, boundary?.[1] ?? boundary?.[2] ?? '', dest);
      record.body = { purpose: upload.fields['purpose'], filename: upload.file?.filename, bytes: upload.file?.bytes };
      deps.record(record);
      if (!upload.file) {
        send(res, 400, { error: { message: 'no file part in the upload', type: 'invalid_request_error', param: 'file', code: null } });
        return true;
      }
      const file: FakeFile = { id, path: dest, filename: upload.file.filename, bytes: upload.file.bytes, purpose: upload.fields['purpose'] ?? '', createdAt: Math.floor(now() / 1000) };
      files.set(id, file);
      send(res, 200, fileObject(file));
      return true;
    }
    if (openaiFile && method === 'GET') {
      deps.record(record);
      const file = files.get(openaiFile[1] ?? '');
      if (!file) notFound(res, 'openai', 'file');
      else if (openaiFile[2]) streamFile(res, file.path, 'application/octet-stream');
      else send(res, 200, fileObject(file));
      return true;
    }
    if (path === '/v1/batches' && method === 'POST') {
      await createOpenAIBatch(req, res, record);
      return true;
    }
    if (path === '/v1/messages/batches' && method === 'POST') {
      await createAnthropicBatch(req, res, record);
      return true;
    }
    if ((path === '/v1/batches' || path === '/v1/messages/batches') && method === 'GET') {
      deps.record(record);
      const list = await Promise.all([...batches.values()].filter((b) => b.api === api).reverse().map(view));
      send(res, 200, api === 'openai' ? { object: 'list', data: list, first_id: list[0]?.id ?? null, last_id: list.at(-1)?.id ?? null, has_more: false } : { data: list, first_id: list[0]?.id ?? null, last_id: list.at(-1)?.id ?? null, has_more: false });
      return true;
    }
    const match = openaiBatchPath ?? anthropicBatchPath;
    if (match) {
      deps.record(record);
      const b = batches.get(match[1] ?? '');
      if (!b) {
        notFound(res, api, 'batch');
        return true;
      }
      if (match[2] === '/cancel' && method === 'POST') {
        if (!b.done && b.cancelledAt === undefined) b.cancelledAt = now();
        // The provider takes a moment to stop: the next retrieve shows the end.
        send(res, 200, api === 'openai' ? openaiBatch(b) : anthropicBatch(b));
        return true;
      }
      if (match[2] === '/results') {
        await view(b);
        if (!b.done?.results) notFound(res, 'anthropic', 'results (the batch has not ended)');
        else streamFile(res, b.done.results, 'application/binary');
        return true;
      }
      send(res, 200, await view(b));
      return true;
    }
    return false;
  }

  return { handle, batches: () => [...batches.values()].map((b) => ({ api: b.api, id: b.id, total: b.total, done: b.done?.status })) };
}

function write(stream: WriteStream, value: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(`${JSON.stringify(value)}\n`)) resolve();
    else stream.once('drain', () => resolve());
  });
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
