import OpenAI from 'openai';
import { DEFAULT_MAX_TOKENS, type Completion, type CompletionRequest, type Provider, type SdkProviderOptions } from './provider.ts';
import { ProviderError, toProviderError } from './provider-error.ts';

/**
 * OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) through the
 * official client. The SDK's own retries are off: the runner's retry loop is the one place that
 * decides, so attempts are counted and limits are honoured once.
 */
export function createOpenAIProvider(options: SdkProviderOptions): Provider {
  const client = new OpenAI({
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
        const response = await client.chat.completions.create(
          {
            model: request.model,
            messages: [
              ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
              ...request.messages.map((m) => ({ role: m.role, content: m.content })),
            ],
            max_tokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
            ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
            ...(params.topP === undefined ? {} : { top_p: params.topP }),
            ...(params.seed === undefined ? {} : { seed: params.seed }),
            ...(params.stop === undefined ? {} : { stop: params.stop }),
          },
          { signal: request.signal ?? null },
        );
        const choice = response.choices?.[0];
        if (!choice) throw new ProviderError('the server returned no choices', { retryable: true });
        return {
          // A proxy or debug server may echo the request back; the key must not reach results or reports.
          text: options.redact(choice.message?.content ?? ''),
          usage: { inputTokens: response.usage?.prompt_tokens ?? 0, outputTokens: response.usage?.completion_tokens ?? 0 },
          attempts: 1,
        };
      } catch (e) {
        throw toProviderError(e, options.redact, now());
      }
    },
  };
}
