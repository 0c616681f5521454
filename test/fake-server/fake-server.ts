import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { defaultResponder } from './default-responder.ts';
import type { FakeApi, FakeReply, FakeUsage, RawReply, RecordedRequest, Responder, StatusFault } from './fake-types.ts';
import { buildAnthropicMessage, buildErrorBody, buildOpenAIChatCompletion } from './provider-bodies.ts';
import { createBatchApi } from './batch-api.ts';
import { createPromptCache } from './prompt-cache.ts';
import { estimateTokens, isRecord, readPromptTexts } from './read-request.ts';

export type * from './fake-types.ts';
export { FAULT_KINDS } from './fake-types.ts';
export { defaultResponder } from './default-responder.ts';
export { echoResponder, scriptedResponder, withLatency } from './responders.ts';
export { withCapacity, withRateLimit, type RateLimitOptions } from './server-limits.ts';
export { withFaults, createMulberry32, type FaultOptions } from './with-faults.ts';

export interface FakeServerOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default defaultResponder */
  responder?: Responder;
  /** Keep every request in `requests`; a long benchmark turns it off so memory stays flat. @default true */
  recordRequests?: boolean;
  /** Simulate the providers' prompt caches in the usage replies report (see prompt-cache.ts). @default false */
  promptCache?: boolean;
  /** Time a provider batch takes from creation to its end (see batch-api.ts). @default 0 */
  batchProcessingMs?: number;
}

export interface FakeServer {
  url: string;
  /** `url + '/v1'`: the OpenAI SDK appends `/chat/completions`. */
  openaiBaseURL: string;
  /** `url`: the Anthropic SDK appends `/v1/messages`. */
  anthropicBaseURL: string;
  requests: RecordedRequest[];
  setResponder(fn: Responder): void;
  setBatchProcessingMs(ms: number): void;
  /** The batches created so far, oldest first. */
  batches(): { api: FakeApi; id: string; total: number; done: string | undefined }[];
  /** Destroys every socket, hanging ones included, so it resolves at once. */
  close(): Promise<void>;
}

const ROUTES: Record<string, FakeApi> = { '/v1/chat/completions': 'openai', '/v1/messages': 'anthropic' };
const JSON_TYPE = 'application/json';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function sendJson(res: ServerResponse, status: number, body: string | Buffer, extra: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function readModel(body: unknown): string {
  const model = isRecord(body) ? body['model'] : undefined;
  return typeof model === 'string' ? model : 'fake-model';
}

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  let responder = options.responder ?? defaultResponder;
  let closed = false;
  let replyCount = 0;
  const requests: RecordedRequest[] = [];
  const promptCache = options.promptCache ? createPromptCache() : undefined;
  let batchProcessingMs = options.batchProcessingMs ?? 0;
  let baseUrl = '';
  const batchDir = mkdtempSync(join(tmpdir(), 'fake-batches-'));
  const seenBodies = new Map<string, number>();
  const sockets = new Set<Socket>();
  /** Pending latency waits; close() ends them early so no handler outlives the server. */
  const waits = new Map<NodeJS.Timeout, () => void>();

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  function buildSuccessBody(req: RecordedRequest, text: string, usage?: FakeUsage): string {
    replyCount += 1;
    const input = estimateTokens(readPromptTexts(req.api, req.body).allText);
    const counts = usage ?? promptCache?.usageFor(req.api, req.body, input, estimateTokens(text)) ?? { input, output: estimateTokens(text) };
    const model = readModel(req.body);
    return JSON.stringify(
      req.api === 'openai'
        ? buildOpenAIChatCompletion(`chatcmpl-fake-${replyCount}`, model, text, counts, Math.floor(Date.now() / 1000))
        : buildAnthropicMessage(`msg_fake_${replyCount}`, model, text, counts),
    );
  }

  function sendStatusFault(res: ServerResponse, req: RecordedRequest, fault: StatusFault): void {
    const headers: Record<string, string> = { ...fault.headers };
    if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
    if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
    const key = req.api === 'anthropic' ? (req.headers['x-api-key'] ?? req.headers['authorization']) : req.headers['authorization'];
    const detail = fault.echoKey === true ? `(received key: ${key ?? 'none'})` : undefined;
    sendJson(res, fault.status, fault.body ?? buildErrorBody(req.api, fault.status, fault.message, detail), headers);
  }

  function sendTruncated(res: ServerResponse, req: RecordedRequest): void {
    const full = Buffer.from(buildSuccessBody(req, 'this reply is cut off halfway'));
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': full.length });
    res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
  }

  function sendRaw(res: ServerResponse, reply: RawReply): void {
    const sent = reply.sent ?? { bytes: 0, clientClosed: false };
    res.on('close', () => {
      if (!res.writableFinished) sent.clientClosed = true;
    });
    res.writeHead(reply.status, reply.headers);
    if (typeof reply.body !== 'function') {
      sent.bytes += Buffer.byteLength(reply.body);
      res.end(reply.body);
      return;
    }
    const chunks = reply.body()[Symbol.iterator]();
    // Pull a chunk only when the socket has room, and stop once the client is gone.
    const pump = () => {
      while (!res.destroyed) {
        const next = chunks.next();
        if (next.done === true) return void res.end();
        sent.bytes += next.value.length;
        if (!res.write(next.value)) return void res.once('drain', pump);
      }
    };
    pump();
  }

  function sendReply(res: ServerResponse, req: RecordedRequest, reply: FakeReply): void {
    if (closed || res.destroyed) return;
    if ('text' in reply) {
      sendJson(res, 200, buildSuccessBody(req, reply.text, reply.usage), reply.headers);
      return;
    }
    switch (reply.fault) {
      case 'status':
        return sendStatusFault(res, req, reply);
      case 'reset':
        res.socket?.resetAndDestroy();
        return;
      case 'hang':
        // Left open on purpose; close() destroys the socket.
        return;
      case 'truncate':
        return sendTruncated(res, req);
      case 'badjson':
        sendJson(res, 200, '{"id": "fake", "choices": [ this is not JSON');
        return;
      case 'raw':
        return sendRaw(res, reply);
    }
  }

  /** A batch line's answer, exactly as a live call with the same body would get it. */
  async function answer(recorded: RecordedRequest): Promise<{ status: number; body: unknown }> {
    let reply: FakeReply;
    try {
      reply = await responder(recorded);
    } catch (error) {
      reply = { fault: 'status', status: 500, message: `fake server: the responder threw: ${String(error)}` };
    }
    if ('text' in reply) return { status: 200, body: JSON.parse(buildSuccessBody(recorded, reply.text, reply.usage)) as unknown };
    if (reply.fault === 'status') {
      const text = reply.body === undefined ? buildErrorBody(recorded.api, reply.status, reply.message) : reply.body.toString();
      try {
        return { status: reply.status, body: JSON.parse(text) as unknown };
      } catch {
        return { status: reply.status, body: JSON.parse(buildErrorBody(recorded.api, reply.status, text)) as unknown };
      }
    }
    return { status: 500, body: JSON.parse(buildErrorBody(recorded.api, 500, `fake server: ${reply.fault}`)) as unknown };
  }

  const batchApi = createBatchApi({
    url: () => baseUrl,
    dir: batchDir,
    answer,
    record: (r) => {
      if (options.recordRequests ?? true) requests.push(r);
    },
    processingMs: () => batchProcessingMs,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (await batchApi.handle(req, res, path)) return;
    const api = req.method === 'POST' ? ROUTES[path] : undefined;
    const raw = await readBody(req);
    if (api === undefined) {
      sendJson(res, 404, buildErrorBody('openai', 404, `fake server: no route for ${req.method ?? '?'} ${path}`));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (error) {
      sendJson(res, 400, buildErrorBody(api, 400, `fake server: the body is not JSON (${String(error)})`));
      return;
    }
    // A digest, not the body, keys the attempt count: bodies can be large and a benchmark sends many.
    const bodyKey = createHash('sha256').update(`${api}\n${raw}`).digest('base64');
    const attempt = (seenBodies.get(bodyKey) ?? 0) + 1;
    seenBodies.set(bodyKey, attempt);
    const { lastUserText, systemText } = readPromptTexts(api, body);
    const recorded: RecordedRequest = { api, path, headers: readHeaders(req), body, lastUserText, systemText, attempt };
    if (options.recordRequests ?? true) requests.push(recorded);
    if (isRecord(body) && body['stream'] === true) {
      sendJson(res, 400, buildErrorBody(api, 400, 'fake server: streaming is not supported; call without stream'));
      return;
    }
    let reply: FakeReply;
    try {
      reply = await responder(recorded);
    } catch (error) {
      reply = { fault: 'status', status: 500, message: `fake server: the responder threw: ${String(error)}` };
    }
    if (reply.latencyMs !== undefined && reply.latencyMs > 0 && !('fault' in reply && reply.fault === 'hang')) {
      await wait(reply.latencyMs);
    }
    sendReply(res, recorded, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, buildErrorBody('openai', 500, `fake server: ${String(error)}`));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  baseUrl = url;

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests,
    setResponder(fn) {
      responder = fn;
    },
    setBatchProcessingMs(ms) {
      batchProcessingMs = ms;
    },
    batches: () => batchApi.batches(),
    close() {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      return new Promise((resolve) =>
        server.close(() => {
          rmSync(batchDir, { recursive: true, force: true });
          resolve();
        }),
      );
    },
  };
}
