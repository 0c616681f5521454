import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PageBundle } from '../html/page-bundle.ts';
import { renderViewerHtml } from '../html/render-report-html.ts';
import { packStrings } from '../model/intern-strings.ts';
import type { MarkRequest } from '../model/viewer-api.ts';

/** What the viewer serves, read from the runs folder and the project by the caller. */
export interface ViewerSource {
  listRuns(): Promise<unknown>;
  /** Undefined when there is no such run folder. */
  runModel(dir: string): Promise<unknown>;
  /** Something that changes when the run's results change (size and time of its files). */
  runVersion(dir: string): Promise<string>;
  compare(a: string, b: string): Promise<unknown>;
  marks(dir: string): Promise<unknown>;
  mark(dir: string, request: MarkRequest): Promise<unknown>;
}

/** A mistake the client made: answered with this status and message. */
export class RequestError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface ViewerServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAX_BODY = 64 * 1024;
/** How often a live page's run is checked for new results. */
const POLL_MS = 500;

/**
 * The viewer's HTTP server, on 127.0.0.1 only. A request must name this host and port in its
 * Host header (a page on another site cannot reach it through a DNS trick), and a mark must come
 * from this origin as JSON.
 */
export async function startViewerServer(source: ViewerSource, bundle: PageBundle, options: { port?: number; pollMs?: number } = {}): Promise<ViewerServer> {
  const streams = new Set<ServerResponse>();
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof RequestError ? e.status : 500;
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', e instanceof Error ? e.message : String(e));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowed.includes(req.headers.host ?? '')) throw new RequestError(421, 'this viewer answers only on 127.0.0.1');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'POST') {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowed.some((host) => origin === `http://${host}`)) throw new RequestError(403, 'marks are taken only from the viewer\'s own page');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new RequestError(415, 'send JSON');
      if (parts[0] === 'api' && parts[1] === 'runs' && parts[2] !== undefined && parts[3] === 'marks' && parts.length === 4) {
        const body = parseMark(await readBody(req));
        return json(res, await source.mark(parts[2], body));
      }
      throw new RequestError(404, 'not found');
    }
    if (req.method !== 'GET') throw new RequestError(405, 'method not allowed');
    if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', renderViewerHtml());
    if (url.pathname === '/page.js') return send(res, 200, 'text/javascript; charset=utf-8', bundle.script);
    if (url.pathname === '/page.css') return send(res, 200, 'text/css; charset=utf-8', bundle.css);
    if (parts[0] !== 'api') throw new RequestError(404, 'not found');
    if (parts[1] === 'runs' && parts.length === 2) return json(res, await source.listRuns());
    if (parts[1] === 'runs' && parts[2] !== undefined && parts.length === 4) {
      const dir = parts[2];
      if (parts[3] === 'model') {
        const model = await source.runModel(dir);
        if (model === undefined) throw new RequestError(404, `no run ${dir}`);
        return json(res, packStrings(model));
      }
      if (parts[3] === 'marks') return json(res, await source.marks(dir));
      if (parts[3] === 'events') return events(dir, res);
    }
    if (parts[1] === 'compare' && parts[2] !== undefined && parts[3] !== undefined && parts.length === 4) return json(res, await source.compare(parts[2], parts[3]));
    throw new RequestError(404, 'not found');
  }

  /** Server-sent events: `change` whenever the run's files change, until the page goes away. */
  async function events(dir: string, res: ServerResponse): Promise<void> {
    let version = await source.runVersion(dir);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'content-security-policy': CSP });
    res.write(': watching\n\n');
    streams.add(res);
    const timer = setInterval(() => {
      void source.runVersion(dir).then((now) => {
        if (now === version) return;
        version = now;
        res.write('event: change\ndata: {}\n\n');
      });
    }, options.pollMs ?? POLL_MS);
    res.on('close', () => {
      clearInterval(timer);
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': CSP });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new RequestError(413, 'body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseMark(text: string): MarkRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestError(400, 'body is not JSON');
  }
  const b = body as Partial<Record<keyof MarkRequest, unknown>>;
  if (typeof b !== 'object' || b === null || typeof b.trialId !== 'string' || (b.verdict !== 'pass' && b.verdict !== 'fail')) {
    throw new RequestError(400, 'expected {trialId, verdict: "pass" | "fail", note?, mode?}');
  }
  if (b.note !== undefined && typeof b.note !== 'string') throw new RequestError(400, 'note must be a string');
  if (b.mode !== undefined && typeof b.mode !== 'string') throw new RequestError(400, 'mode must be a string');
  return { trialId: b.trialId, verdict: b.verdict, ...(typeof b.note === 'string' ? { note: b.note } : {}), ...(typeof b.mode === 'string' ? { mode: b.mode } : {}) };
}
