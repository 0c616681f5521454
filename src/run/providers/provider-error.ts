import { readRateLimitHeaders, type RateLimitReading } from './rate-limit-headers.ts';
import { ReplyTooLargeError } from './reply-too-large.ts';
import { parseRetryAfter } from './retry-after.ts';

/**
 * Longest error text kept: a provider's error body can be megabytes (an HTML page, a dump), and it
 * lands in results.jsonl and on stderr. The start says what went wrong; the rest is cut and counted.
 */
export const MAX_ERROR_CHARS = 2000;

/** A call that failed after the retries its target allows: recorded as a `provider_error` outcome. */
export class ProviderError extends Error {
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;
  /** What the reply's rate-limit headers said, when it had any. */
  readonly rateLimit: RateLimitReading | undefined;

  constructor(
    message: string,
    options: { status?: number | undefined; retryable?: boolean; retryAfterMs?: number | undefined; attempts?: number; rateLimit?: RateLimitReading | undefined } = {},
  ) {
    super(capErrorText(message));
    this.name = 'ProviderError';
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.attempts = options.attempts ?? 1;
    this.rateLimit = options.rateLimit;
  }
}

export function capErrorText(text: string): string {
  return text.length <= MAX_ERROR_CHARS ? text : `${text.slice(0, MAX_ERROR_CHARS)}… (cut: ${text.length} characters in all)`;
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || RETRYABLE.has(status);
}

/**
 * The server asked us to slow down: 429, Anthropic's 529 "overloaded", or a 503 that says when to
 * come back. These retry within a time budget rather than a count: they say nothing is wrong with
 * the call, only that it came too early.
 */
export function isThrottle(error: Pick<ProviderError, 'status' | 'retryAfterMs'>): boolean {
  return error.status === 429 || error.status === 529 || (error.status === 503 && error.retryAfterMs !== undefined);
}

/**
 * SDK errors share a shape across openai and @anthropic-ai/sdk (status, headers, class name):
 * map them here without importing either SDK. `redact` removes the API key from any echoed text;
 * `endpoint`, when known, names where a connection failed.
 */
export function toProviderError(e: unknown, redact: (text: string) => string, now: number, endpoint?: string): ProviderError {
  if (e instanceof ProviderError) return e;
  const tooLarge = findCause(e, (c) => c instanceof ReplyTooLargeError);
  if (tooLarge) return new ProviderError(redact(tooLarge.message), { retryable: false });
  const status = readNumber(e, 'status');
  const name = e instanceof Error ? e.constructor.name : 'Error';
  const message = redact(e instanceof Error ? e.message : String(e));
  const headers = readHeaders(e);
  const text = status === undefined ? redact(describeFailure(name, message, e, endpoint)) : message.startsWith(String(status)) ? `HTTP ${message}` : `HTTP ${status}: ${message}`;
  return new ProviderError(text, {
    status,
    retryable: name !== 'APIUserAbortError' && isRetryableStatus(status) && !isOutOfQuota(e),
    retryAfterMs: parseRetryAfter(headers, now),
    rateLimit: readRateLimitHeaders(headers, now),
  });
}

/** OpenAI answers 429 for an exhausted balance too; waiting does not bring money back. */
function isOutOfQuota(e: unknown): boolean {
  return e !== null && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'insufficient_quota';
}

function describeFailure(name: string, message: string, e: unknown, endpoint: string | undefined): string {
  const cause = findCause(e, (c) => typeof (c as { code?: unknown }).code === 'string' && /^E[A-Z]+$/.test((c as { code: string }).code)) as { code: string } | undefined;
  if (name === 'APIConnectionError' && cause) {
    const where = endpoint ?? 'the server';
    const unreachable = UNREACHABLE[cause.code];
    return unreachable ? `could not reach ${where}: ${unreachable} (${cause.code})` : `connection to ${where} failed (${cause.code})`;
  }
  return `${describeName(name)}: ${message}`;
}

/** Errors that mean no request reached a server at all, and what to check. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there; is the server running, and is baseURL right?',
  ENOTFOUND: 'the host name does not resolve; check baseURL',
  EAI_AGAIN: 'the host name could not be resolved just now (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/** The first error in `e`'s cause chain (itself included) that `test` accepts. */
function findCause(e: unknown, test: (c: object) => boolean): Error | undefined {
  let c: unknown = e;
  for (let depth = 0; depth < 8 && c !== null && typeof c === 'object'; depth++) {
    if (test(c)) return c as Error;
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

function readHeaders(e: unknown): { get(name: string): string | null } | undefined {
  if (e && typeof e === 'object' && 'headers' in e) {
    const h = (e as { headers: unknown }).headers;
    if (h && typeof h === 'object' && 'get' in h && typeof h.get === 'function') return h as { get(name: string): string | null };
  }
  return undefined;
}

function describeName(name: string): string {
  if (name === 'APIConnectionTimeoutError') return 'timed out';
  if (name === 'APIConnectionError') return 'connection failed';
  if (name === 'APIUserAbortError') return 'aborted';
  return name;
}

function readNumber(e: unknown, key: string): number | undefined {
  if (e && typeof e === 'object' && key in e) {
    const v = (e as Record<string, unknown>)[key];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}
