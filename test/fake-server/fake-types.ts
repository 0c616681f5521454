/** The two wire formats the fake server speaks. */
export type FakeApi = 'openai' | 'anthropic';

/** One request as the server saw it; responders decide from this alone. */
export interface RecordedRequest {
  api: FakeApi;
  path: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: unknown;
  /** Text of the last user message (text parts joined by newlines). */
  lastUserText: string;
  /** System (and OpenAI developer) text, joined by blank lines. */
  systemText: string;
  /** How many times this same body was seen, 1-based: an SDK retry re-sends the same bytes. */
  attempt: number;
  /** The HTTP method (batch endpoints use GET too). */
  method?: string;
  /** Set when the request was one line of a provider batch, not a live call. */
  batchId?: string;
}

export interface FakeUsage {
  /** Every input token, cache reads and writes included. */
  input: number;
  output: number;
  /** Of `input`, read from the provider's prompt cache. */
  cacheRead?: number;
  /** Of `input`, written to it (Anthropic). */
  cacheWrite?: number;
}

export interface TextReply {
  text: string;
  /** @default rough counts from the prompt and reply lengths */
  usage?: FakeUsage;
  latencyMs?: number;
  /** Extra response headers (rate-limit headers, say). */
  headers?: Record<string, string>;
}

export interface StatusFault {
  fault: 'status';
  /** 429, 500, 503, 529, 408, 409, 400, 401 … */
  status: number;
  /** `Retry-After` value: seconds or an HTTP date. */
  retryAfter?: string;
  /** `retry-after-ms` value; both SDKs read it before `Retry-After`. */
  retryAfterMs?: number;
  /** Raw response body, sent verbatim instead of the provider's error JSON (bytes: e.g. not UTF-8). */
  body?: string | Buffer;
  /** Message inside the provider's error JSON. */
  message?: string;
  /** Put the caller's Authorization / x-api-key value into the error message, as a leak bait. */
  echoKey?: boolean;
  latencyMs?: number;
  /** Extra response headers (rate-limit headers, say). */
  headers?: Record<string, string>;
}

export interface ConnectionFault {
  /**
   * reset: socket destroyed, no response · hang: never answers · truncate: 200 headers with a
   * content-length larger than what is sent, half the JSON, then a destroyed socket ·
   * badjson: a 200 JSON-typed body that does not parse.
   */
  fault: 'reset' | 'hang' | 'truncate' | 'badjson';
  latencyMs?: number;
}

/**
 * Any status, headers and body, sent as given — for hostile replies: a gzip bomb, an endless
 * body, an HTML page. `body` may be a function yielding chunks; the server stops pulling as soon
 * as the client goes away, and counts what it sent in `sent` when given.
 */
export interface RawReply {
  fault: 'raw';
  status: number;
  headers: Record<string, string>;
  body: Buffer | string | (() => Iterable<Buffer>);
  /** Filled in as the reply is written: bytes sent, and whether the client closed the connection first. */
  sent?: { bytes: number; clientClosed: boolean };
  latencyMs?: number;
}

export type FakeReply = TextReply | StatusFault | ConnectionFault | RawReply;

export type Responder = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** What `withFaults` may inject. */
export const FAULT_KINDS = ['429', '500', '503', '529', 'reset', 'hang', 'truncate', 'badjson'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
