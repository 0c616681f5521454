import type { FakeApi, FakeUsage } from './fake-types.ts';

/** The reply bodies each provider really sends, so the real SDKs parse them as they would in production. */

export function buildOpenAIChatCompletion(id: string, model: string, text: string, usage: FakeUsage, createdSec: number) {
  return {
    id,
    object: 'chat.completion',
    created: createdSec,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null, annotations: [] },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
      ...(usage.cacheRead === undefined ? {} : { prompt_tokens_details: { cached_tokens: usage.cacheRead, audio_tokens: 0 } }),
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

export function buildAnthropicMessage(id: string, model: string, text: string, usage: FakeUsage) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text, citations: null }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    stop_details: null,
    container: null,
    usage: {
      // Anthropic counts only the tokens after the last cache breakpoint as input_tokens.
      input_tokens: usage.input - (usage.cacheRead ?? 0) - (usage.cacheWrite ?? 0),
      output_tokens: usage.output,
      cache_creation_input_tokens: usage.cacheWrite ?? 0,
      cache_read_input_tokens: usage.cacheRead ?? 0,
      cache_creation: null,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      speed: null,
    },
  };
}

const OPENAI_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Forbidden.' },
  404: { type: 'invalid_request_error', code: 'unknown_url', message: 'Not found.' },
  408: { type: 'timeout', code: null, message: 'Request timed out.' },
  409: { type: 'conflict', code: null, message: 'Conflict, please retry.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded.' },
};

const ANTHROPIC_ERRORS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Forbidden.' },
  404: { type: 'not_found_error', message: 'Not found.' },
  408: { type: 'timeout_error', message: 'Request timed out.' },
  409: { type: 'conflict_error', message: 'Conflict, please retry.' },
  429: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
  503: { type: 'api_error', message: 'Service unavailable.' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/**
 * An error body in the provider's own shape; `message` overrides the stock text for the status and
 * `detail` is appended to it (the key echo for leak tests).
 */
export function buildErrorBody(api: FakeApi, status: number, message?: string, detail?: string): string {
  const withDetail = (text: string): string => (detail === undefined ? text : `${text} ${detail}`);
  if (api === 'openai') {
    const known = OPENAI_ERRORS[status] ?? {
      type: status >= 500 ? 'server_error' : 'invalid_request_error',
      code: null,
      message: status >= 500 ? 'The server had an error while processing your request.' : `Error ${status}.`,
    };
    return JSON.stringify({ error: { message: withDetail(message ?? known.message), type: known.type, param: null, code: known.code } });
  }
  const known = ANTHROPIC_ERRORS[status] ?? {
    type: status >= 500 ? 'api_error' : 'invalid_request_error',
    message: status >= 500 ? 'Internal server error' : `Error ${status}.`,
  };
  return JSON.stringify({
    type: 'error',
    error: { type: known.type, message: withDetail(message ?? known.message) },
    request_id: 'req_fake',
  });
}
