import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Usage } from '../../results/trial-result.ts';
import { DEFAULT_MAX_TOKENS, type CompletionRequest } from './provider.ts';
import { ProviderError } from './provider-error.ts';

/**
 * The Chat Completions body for a request: what a live call sends and what a Batch API line
 * carries. The system prompt and the examples come first and unchanged from case to case, so
 * OpenAI's automatic prefix cache can reuse them. OpenAI's own API wants max_completion_tokens
 * (its reasoning models reject max_tokens); the compatible servers (Ollama, vLLM, llama.cpp) all
 * know max_tokens.
 */
export function buildOpenAIParams(request: CompletionRequest, officialOpenAI: boolean): ChatCompletionCreateParamsNonStreaming {
  const { params } = request;
  const tokenCap = officialOpenAI ? 'max_completion_tokens' : 'max_tokens';
  return {
    model: request.model,
    messages: [...(request.system ? [{ role: 'system' as const, content: request.system }] : []), ...request.messages.map((m) => ({ role: m.role, content: m.content }))],
    [tokenCap]: params.maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
    ...(params.topP === undefined ? {} : { top_p: params.topP }),
    ...(params.seed === undefined ? {} : { seed: params.seed }),
    ...(params.stop === undefined ? {} : { stop: params.stop }),
  };
}

/** The reply text and usage of a chat completion; `cached_tokens` are part of prompt_tokens. */
export function readOpenAICompletion(response: Pick<ChatCompletion, 'choices' | 'usage'>): { text: string; usage: Usage } {
  const choice = response.choices?.[0];
  if (!choice) throw new ProviderError('the server returned no choices', { retryable: true });
  const cached = response.usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    text: choice.message?.content ?? '',
    usage: {
      inputTokens: response.usage?.prompt_tokens ?? 0,
      outputTokens: response.usage?.completion_tokens ?? 0,
      ...(cached > 0 ? { cachedInputTokens: cached } : {}),
    },
  };
}

export function isOfficialOpenAI(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
