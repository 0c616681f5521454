import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * The `fetch` both SDK clients are given: the same contract as the built-in one for what they
 * send (a JSON body, a whole JSON reply), over node:http with keep-alive. The built-in fetch
 * (undici, web streams) cost a third more CPU per call and a third more peak memory in the
 * benchmark, where the harness's own work is a fraction of either. The whole reply is read before
 * the Response resolves, so the SDK's timeout covers a reply that stalls half-way, too.
 * Anything else (a Request object, a streamed body) goes to the built-in fetch.
 */
export const httpFetch: typeof fetch = (input, init) => {
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
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => readResponse(res, resolve, fail));
    let settled = false;
    function fail(error: unknown) {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
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

function readHeaders(given: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
  new Headers(given).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function readResponse(res: IncomingMessage, resolve: (r: Response) => void, fail: (e: unknown) => void): void {
  const chunks: Buffer[] = [];
  let ended = false;
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
  res.on('close', () => {
    if (!ended) fail(new TypeError('fetch failed', { cause: new Error('the connection closed before the reply ended') }));
  });
  res.on('end', () => {
    ended = true;
    let payload: Buffer;
    try {
      payload = decode(Buffer.concat(chunks), res.headers['content-encoding']);
    } catch (error) {
      return fail(new TypeError('fetch failed', { cause: error }));
    }
    const headers = new Headers();
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
      const name = res.rawHeaders[i]!.toLowerCase();
      // The body handed on is decoded: its old length and encoding no longer describe it.
      if (name !== 'content-encoding' && name !== 'content-length') headers.append(name, res.rawHeaders[i + 1]!);
    }
    const status = res.statusCode ?? 500;
    const empty = status === 204 || status === 304 || payload.length === 0;
    try {
      resolve(new Response(empty ? null : payload, { status, statusText: res.statusMessage ?? '', headers }));
    } catch (error) {
      // A status outside 200–599, which a Response cannot carry.
      fail(new TypeError('fetch failed', { cause: error }));
    }
  });
}

function decode(payload: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(payload);
    case 'deflate':
      return inflateSync(payload);
    case 'br':
      return brotliDecompressSync(payload);
    default:
      return payload;
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  const reason: unknown = signal?.reason;
  return reason instanceof Error && reason.name === 'AbortError' ? reason : new DOMException('This operation was aborted', 'AbortError');
}
