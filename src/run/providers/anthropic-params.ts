import type { Message as AnthropicMessage, MessageCreateParamsNonStreaming, MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { Usage } from '../../results/trial-result.ts';
import { DEFAULT_MAX_TOKENS, type CompletionRequest } from './provider.ts';
import { checkUsage } from './sdk-provider.ts';

// The SDK's own helper turns the zod schema into the subset structured output accepts (anyOf for
// oneOf, additionalProperties false; constraints it cannot enforce move into descriptions).
let helpers: Promise<typeof import('@anthropic-ai/sdk/helpers/zod')> | undefined;
const helpersOnce = () => (helpers ??= import('@anthropic-ai/sdk/helpers/zod'));

const EPHEMERAL = { type: 'ephemeral' } as const;

/**
 * The Messages API body for a request: what a live call sends and what a Message Batches request
 * carries as `params`. With a prompt-cache plan, the system prompt and the end of the stable
 * prefix (the last example turn, or the examples inside the user turn) get `cache_control`.
 */
export async function buildAnthropicParams(request: CompletionRequest): Promise<MessageCreateParamsNonStreaming> {
  const { params, promptCache: plan, output } = request;
  const format = output === undefined ? undefined : (await helpersOnce()).zodOutputFormat(output.schema);
  const system = request.system ? (plan ? [{ type: 'text' as const, text: request.system, cache_control: EPHEMERAL }] : request.system) : undefined;
  const messages: MessageParam[] = request.messages.map((m, i) => {
    if (plan === undefined) return { role: m.role, content: m.content };
    if (i === plan.messages - 1 && !(plan.userPrefixChars > 0)) return { role: m.role, content: [cached(m.content)] };
    if (i === plan.messages && plan.userPrefixChars > 0 && plan.userPrefixChars < m.content.length) {
      return { role: m.role, content: [cached(m.content.slice(0, plan.userPrefixChars)), { type: 'text', text: m.content.slice(plan.userPrefixChars) }] };
    }
    return { role: m.role, content: m.content };
  });
  return {
    model: request.model,
    max_tokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(system === undefined ? {} : { system }),
    messages,
    ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
    ...(params.topP === undefined ? {} : { top_p: params.topP }),
    ...(params.stop === undefined ? {} : { stop_sequences: params.stop }),
    // Structured output (output_config.format): the reply comes back as the JSON text in a text block.
    ...(format === undefined ? {} : { output_config: { format: { type: format.type, schema: format.schema } } }),
  };
}

function cached(text: string): TextBlockParam {
  return { type: 'text', text, cache_control: EPHEMERAL };
}

/**
 * Usage as the API reports it. `input_tokens` counts only the tokens after the last cache
 * breakpoint; our inputTokens is every input token, cache reads and writes included.
 */
export function readAnthropicUsage(usage: Partial<AnthropicMessage['usage']> | undefined): { inputTokens: unknown; outputTokens: unknown; cachedInputTokens?: unknown; cacheWriteTokens?: unknown } {
  const read = usage?.cache_read_input_tokens ?? 0;
  const written = usage?.cache_creation_input_tokens ?? 0;
  const input = usage?.input_tokens;
  return {
    inputTokens: typeof input === 'number' ? input + read + written : input,
    outputTokens: usage?.output_tokens,
    ...(read > 0 ? { cachedInputTokens: read } : {}),
    ...(written > 0 ? { cacheWriteTokens: written } : {}),
  };
}

/** A batch result's message: its text and checked usage. */
export function readAnthropicMessage(message: Pick<AnthropicMessage, 'content' | 'usage'>): { text: string; usage: Usage } {
  return { text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''), usage: checkUsage(readAnthropicUsage(message.usage)) };
}
