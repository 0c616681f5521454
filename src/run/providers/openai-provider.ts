import OpenAI from 'openai';
import { DEFAULT_MAX_TOKENS, type Provider, type SdkProviderOptions } from './provider.ts';
import { ProviderError } from './provider-error.ts';
import { sdkClientOptions, sdkProvider } from './sdk-provider.ts';

/** OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) through the official client. */
export function createOpenAIProvider(options: SdkProviderOptions): Provider {
  const client = new OpenAI(sdkClientOptions(options));
  return sdkProvider(options, async (request) => {
    const { params } = request;
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
      text: choice.message?.content ?? '',
      usage: { inputTokens: response.usage?.prompt_tokens ?? 0, outputTokens: response.usage?.completion_tokens ?? 0 },
    };
  });
}
