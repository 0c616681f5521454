import type { Usage } from '../../results/trial-result.ts';
import type { Completion, CompletionRequest, Provider, SdkProviderOptions } from './provider.ts';
import { httpFetch } from './http-fetch.ts';
import { toProviderError } from './provider-error.ts';

/**
 * What both SDK clients are built with. Their own retries are off: the runner's retry loop is the
 * one place that decides, so attempts are counted and Retry-After is honoured once, not twice.
 * They send through `httpFetch` (see there why not the built-in fetch).
 */
export function sdkClientOptions(options: SdkProviderOptions) {
  return { apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs, logLevel: 'off' as const, fetch: httpFetch };
}

/** Wraps one SDK call: any failure becomes a ProviderError, and the text leaves redacted. */
export function sdkProvider(options: SdkProviderOptions, call: (request: CompletionRequest) => Promise<{ text: string; usage: Usage }>): Provider {
  const now = options.now ?? Date.now;
  return {
    simulated: false,
    async complete(request): Promise<Completion> {
      try {
        const { text, usage } = await call(request);
        // A proxy or debug server may echo the request back; the key must not reach results or reports.
        return { text: options.redact(text), usage };
      } catch (e) {
        throw toProviderError(e, options.redact, now());
      }
    },
  };
}
