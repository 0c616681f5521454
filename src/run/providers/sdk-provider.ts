import type { Usage } from '../../results/trial-result.ts';
import { createHttpFetch } from './http-fetch.ts';
import type { Completion, CompletionRequest, Provider, SdkProviderOptions } from './provider.ts';
import { ProviderError, toProviderError } from './provider-error.ts';
import { readRateLimitHeaders } from './rate-limit-headers.ts';

/**
 * What both SDK clients are built with. Their own retries are off: the runner's retry loop is the
 * one place that decides, so attempts are counted and Retry-After is honoured once, not twice.
 * They send through our node:http fetch (see http-fetch.ts why), capped at the target's reply size.
 */
export function sdkClientOptions(options: SdkProviderOptions) {
  return {
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs,
    logLevel: 'off' as const,
    fetch: createHttpFetch({ maxBytes: options.maxReplyBytes }),
  };
}

/** What an adapter hands back from one SDK call: the reply, its usage as reported, and the raw response's headers. */
export interface SdkReply {
  text: string;
  usage: ReportedUsage;
  headers: Headers;
}

/** Token counts as a provider reported them, unchecked; the prompt-cache counts when it gave any. */
export interface ReportedUsage {
  inputTokens: unknown;
  outputTokens: unknown;
  cachedInputTokens?: unknown;
  cacheWriteTokens?: unknown;
}

/**
 * Wraps one SDK call: any failure becomes a ProviderError, the text leaves redacted, the usage is
 * checked, and the rate-limit headers are read for the limits.
 */
export function sdkProvider(options: SdkProviderOptions, call: (request: CompletionRequest) => Promise<SdkReply>): Provider {
  const now = options.now ?? Date.now;
  return {
    simulated: false,
    async complete(request): Promise<Completion> {
      try {
        const { text, usage, headers } = await call(request);
        const rateLimit = readRateLimitHeaders(headers, now());
        // A proxy or debug server may echo the request back; the key must not reach results or reports.
        return { text: options.redact(text), usage: checkUsage(usage), ...(rateLimit ? { rateLimit } : {}) };
      } catch (e) {
        throw toProviderError(e, options.redact, now(), options.baseURL);
      }
    },
  };
}

/** More than any model's context window: a count past it is a broken or hostile server's, not a real one. */
const MAX_TOKENS_PER_CALL = 100_000_000;

/**
 * Token counts as the provider reported them, made sane: a count that is not a whole number in
 * 0…100,000,000 (negative, NaN, 1e300, a string) counts as not reported (0), so one bad reply
 * cannot make a summary's tokens or cost negative or infinite.
 */
export function checkUsage(usage: ReportedUsage): Usage {
  const checked: Usage = { inputTokens: checkCount(usage.inputTokens), outputTokens: checkCount(usage.outputTokens) };
  // Prompt-cache counts are part of the input: never more than it.
  const cached = Math.min(checkCount(usage.cachedInputTokens), checked.inputTokens);
  const written = Math.min(checkCount(usage.cacheWriteTokens), checked.inputTokens - cached);
  return { ...checked, ...(cached > 0 ? { cachedInputTokens: cached } : {}), ...(written > 0 ? { cacheWriteTokens: written } : {}) };
}

function checkCount(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= MAX_TOKENS_PER_CALL ? Math.round(n) : 0;
}

/**
 * The SDKs hand back a string when the reply was not JSON: a web page (a wrong baseURL, a proxy's
 * login page) answered instead of the API. Not retried: the same URL gives the same page.
 */
export function expectApiJson(data: unknown, response: Response, options: Pick<SdkProviderOptions, 'baseURL' | 'redact'>): void {
  if (data !== null && typeof data === 'object') return;
  const type = response.headers.get('content-type') ?? 'no content type';
  const what = /html/i.test(type) ? 'a web page (HTML)' : `${type}`;
  const excerpt = typeof data === 'string' ? ` starting ${JSON.stringify(data.replace(/\s+/g, ' ').trim().slice(0, 80))}` : '';
  throw new ProviderError(options.redact(`the server at ${options.baseURL} answered ${response.status} with ${what}${excerpt}, not the API's JSON: check the target's baseURL`), {
    status: response.status,
    retryable: false,
  });
}
