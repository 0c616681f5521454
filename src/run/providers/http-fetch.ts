import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate, type BrotliDecompress, type Gunzip, type Inflate } from 'node:zlib';
import { DEFAULT_MAX_REPLY_BYTES } from '../../config/target-schema.ts';
import { ReplyTooLargeError } from './reply-too-large.ts';

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * The `fetch` both SDK clients are given: the same contract as the built-in one for what they
 * send (a JSON body, a whole JSON reply), over node:http with keep-alive. The built-in fetch
 * (undici, web streams) cost a third more CPU per call and a third more peak memory in the
 * benchmark, where the harness's own work is a fraction of either. The whole reply is read before
 * the Response resolves, so the SDK's timeout covers a reply that stalls half-way, too.
 * A reply is read up to `maxBytes` on the wire and `maxBytes` once decoded (gzip, deflate, brotli
 * are inflated as they arrive): past either, the socket is destroyed and the fetch fails with a
 * ReplyTooLargeError, so a hostile or broken server cannot fill the memory (a 1 MB gzip can hold
 * 1 GB of zeros). Anything else (a Request object, a streamed body) goes to the built-in fetch.
 */
export function createHttpFetch(options: { maxBytes?: number | undefined } = {}): typeof fetch {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REPLY_BYTES;
  return (input, init) => {
    const body = init?.body;
    if (input instanceof Request || !(body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array)) {
      return fetch(input, init);
    }
    const url = new URL(input);
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const headers = readHeaders(init?.headers);
      const options: RequestOptions = { method: init?.method ?? 'GET', headers, agent: url.protocol === 'https:' ? agents.https : agents.http };
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => readResponse(res, maxBytes, done, fail));
      let settled = false;
      function done(response: Response) {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(response);
      }
      function fail(error: unknown) {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        // Destroying the request destroys its socket: nothing more is read, and it never returns to the pool.
        req.destroy();
        reject(error);
      }
      function onAbort() {
        fail(abortReason(signal));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      // Like undici: a network failure is a TypeError("fetch failed") with the cause, which the SDKs map to a connection error.
      req.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.end(body ?? undefined);
    });
  };
}

function readHeaders(given: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
  new Headers(given).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function readResponse(res: IncomingMessage, maxBytes: number, done: (r: Response) => void, fail: (e: unknown) => void): void {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return fail(new ReplyTooLargeError(maxBytes, 'raw'));
  const decoder = createDecoder(res.headers['content-encoding']);
  const chunks: Buffer[] = [];
  let raw = 0;
  let decoded = 0;
  let ended = false;
  let failed = false;
  const stop = (error: unknown) => {
    failed = true;
    decoder?.destroy();
    res.destroy();
    fail(error);
  };
  const keep = (chunk: Buffer) => {
    if (failed) return;
    decoded += chunk.length;
    if (decoded > maxBytes) return stop(new ReplyTooLargeError(maxBytes, 'decoded'));
    chunks.push(chunk);
  };
  res.on('data', (chunk: Buffer) => {
    if (failed) return;
    raw += chunk.length;
    if (raw > maxBytes) return stop(new ReplyTooLargeError(maxBytes, 'raw'));
    if (decoder) decoder.write(chunk);
    else keep(chunk);
  });
  res.on('error', (error) => stop(new TypeError('fetch failed', { cause: error })));
  res.on('close', () => {
    if (!ended && !failed) stop(new TypeError('fetch failed', { cause: new Error('the connection closed before the reply ended') }));
  });
  res.on('end', () => {
    ended = true;
    if (decoder) decoder.end();
    else finish();
  });
  decoder?.on('data', keep);
  decoder?.on('error', (error) => {
    if (!failed) stop(new TypeError('fetch failed', { cause: error }));
  });
  decoder?.on('end', finish);

  function finish() {
    if (failed) return;
    const payload = Buffer.concat(chunks);
    const headers = new Headers();
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
      const name = res.rawHeaders[i]!.toLowerCase();
      // The body handed on is decoded: its old length and encoding no longer describe it.
      if (name !== 'content-encoding' && name !== 'content-length') headers.append(name, res.rawHeaders[i + 1]!);
    }
    const status = res.statusCode ?? 500;
    const empty = status === 204 || status === 304 || payload.length === 0;
    try {
      done(new Response(empty ? null : payload, { status, statusText: res.statusMessage ?? '', headers }));
    } catch (error) {
      // A status outside 200–599, which a Response cannot carry.
      fail(new TypeError('fetch failed', { cause: error }));
    }
  }
}

function createDecoder(encoding: string | undefined): Gunzip | Inflate | BrotliDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  const reason: unknown = signal?.reason;
  return reason instanceof Error && reason.name === 'AbortError' ? reason : new DOMException('This operation was aborted', 'AbortError');
}
