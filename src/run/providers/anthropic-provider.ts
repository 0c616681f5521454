import Anthropic from '@anthropic-ai/sdk';
import { DEFAULT_MAX_TOKENS, type Completion, type CompletionRequest, type Provider, type SdkProviderOptions } from './provider.ts';
import { toProviderError } from './provider-error.ts';

/** Claude through the official client; SDK retries off for the same reason as the OpenAI adapter. */
export function createAnthropicProvider(options: SdkProviderOptions): Provider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs,
    logLevel: 'off',
  });
  const now = options.now ?? Date.now;
  return {
    simulated: false,
    async complete(request: CompletionRequest): Promise<Completion> {
      const { params } = request;
      try {
        const response = await client.messages.create(
          {
            model: request.model,
            max_tokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
            ...(request.system ? { system: request.system } : {}),
            messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
            ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
            ...(params.topP === undefined ? {} : { top_p: params.topP }),
            ...(params.stop === undefined ? {} : { stop_sequences: params.stop }),
          },
          { signal: request.signal ?? null },
        );
        const text = response.content
          .map((block) => (block.type === 'text' ? block.text : ''))
          .join('');
        return {
          // Same reason as the OpenAI adapter: an echoed key must not reach results or reports.
          text: options.redact(text),
          usage: { inputTokens: response.usage?.input_tokens ?? 0, outputTokens: response.usage?.output_tokens ?? 0 },
          attempts: 1,
        };
      } catch (e) {
        throw toProviderError(e, options.redact, now());
      }
    },
  };
}
