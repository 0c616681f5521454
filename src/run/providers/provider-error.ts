import { parseRetryAfter } from './retry-after.ts';

/** A call that failed after the retries its target allows: recorded as a `provider_error` outcome. */
export class ProviderError extends Error {
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;

  constructor(message: string, options: { status?: number | undefined; retryable?: boolean; retryAfterMs?: number | undefined; attempts?: number } = {}) {
    super(message);
    this.name = 'ProviderError';
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.attempts = options.attempts ?? 1;
  }
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || RETRYABLE.has(status);
}

/**
 * SDK errors share a shape across openai and @anthropic-ai/sdk (status, headers, class name):
 * map them here without importing either SDK. `redact` removes the API key from any echoed text.
 */
export function toProviderError(e: unknown, redact: (text: string) => string, now: number): ProviderError {
  if (e instanceof ProviderError) return e;
  const status = readNumber(e, 'status');
  const name = e instanceof Error ? e.constructor.name : 'Error';
  const message = redact(e instanceof Error ? e.message : String(e));
  const text = status === undefined ? `${describeName(name)}: ${message}` : message.startsWith(String(status)) ? `HTTP ${message}` : `HTTP ${status}: ${message}`;
  const headers = readHeaders(e);
  return new ProviderError(text, {
    status,
    retryable: name !== 'APIUserAbortError' && isRetryableStatus(status),
    retryAfterMs: parseRetryAfter(headers, now),
  });
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
