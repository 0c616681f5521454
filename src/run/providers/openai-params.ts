import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Usage } from '../../results/trial-result.ts';
import { DEFAULT_MAX_TOKENS, type CompletionRequest } from './provider.ts';
import { ProviderError } from './provider-error.ts';
import { checkUsage } from './sdk-provider.ts';

// The SDK's own helper turns the zod schema into a strict response_format (every property
// required, additionalProperties false, oneOf as anyOf), checking what strict mode cannot take.
let helpers: Promise<typeof import('openai/helpers/zod')> | undefined;
const helpersOnce = () => (helpers ??= import('openai/helpers/zod'));

/**
 * The Chat Completions body for a request: what a live call sends and what a Batch API line
 * carries. The system prompt and the examples come first and unchanged from case to case, so
 * OpenAI's automatic prefix cache can reuse them. OpenAI's own API wants max_completion_tokens
 * (its reasoning models reject max_tokens); the compatible servers (Ollama, vLLM, llama.cpp) all
 * know max_tokens.
 */
export async function buildOpenAIParams(request: CompletionRequest, officialOpenAI: boolean): Promise<ChatCompletionCreateParamsNonStreaming> {
  const { params, output } = request;
  const responseFormat = output === undefined ? undefined : (await helpersOnce()).zodResponseFormat(output.schema, output.name);
  const tokenCap = officialOpenAI ? 'max_completion_tokens' : 'max_tokens';
  return {
    model: request.model,
    messages: [...(request.system ? [{ role: 'system' as const, content: request.system }] : []), ...request.messages.map((m) => ({ role: m.role, content: m.content }))],
    [tokenCap]: params.maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
    ...(params.topP === undefined ? {} : { top_p: params.topP }),
    ...(params.seed === undefined ? {} : { seed: params.seed }),
    ...(params.stop === undefined ? {} : { stop: params.stop }),
    ...(responseFormat === undefined ? {} : { response_format: { type: responseFormat.type, json_schema: responseFormat.json_schema } }),
  };
}

/** Usage as the API reports it; `cached_tokens` are part of prompt_tokens. */
export function readOpenAIUsage(usage: ChatCompletion['usage'] | undefined): { inputTokens: unknown; outputTokens: unknown; cachedInputTokens?: unknown } {
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  return { inputTokens: usage?.prompt_tokens, outputTokens: usage?.completion_tokens, ...(cached ? { cachedInputTokens: cached } : {}) };
}

/** A batch output line's chat completion: its text and checked usage. */
export function readOpenAICompletion(response: Pick<ChatCompletion, 'choices' | 'usage'>): { text: string; usage: Usage } {
  const choice = response.choices?.[0];
  if (!choice) throw new ProviderError('the server returned no choices', { retryable: true });
  return { text: choice.message?.content ?? choice.message?.refusal ?? '', usage: checkUsage(readOpenAIUsage(response.usage)) };
}

export function isOfficialOpenAI(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
