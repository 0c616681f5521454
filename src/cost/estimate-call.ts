import type { Variant } from '../config/variant-schema.ts';
import { toSeedReply } from '../render/describe-example.ts';
import { DEFAULT_MAX_TOKENS, type CompletionRequest } from '../run/providers/provider.ts';
import type { TokenCounter } from './count-tokens.ts';

/** Role markers and separators chat formats add around each message, and the reply's priming. */
const PER_MESSAGE = 4;
const PRIMING = 3;

/** Input tokens a request sends: its texts counted by the target's counter, plus the chat framing. */
export function estimateInputTokens(request: Pick<CompletionRequest, 'system' | 'messages'>, counter: TokenCounter): number {
  let tokens = PRIMING + (request.system ? counter.count(request.system) + PER_MESSAGE : 0);
  for (const m of request.messages) tokens += counter.count(m.content) + PER_MESSAGE;
  return tokens;
}

/** The reply cap a request sends: what a call can cost at most. */
export function maxOutputTokens(request: Pick<CompletionRequest, 'params'>): number {
  return request.params.maxTokens ?? DEFAULT_MAX_TOKENS;
}

/** When a variant shows no example reply, a short list of sub-todos is about this long. */
export const DEFAULT_EXPECTED_REPLY_TOKENS = 150;

/**
 * The reply a variant's own examples suggest: the mean length of its example replies (with their
 * reasoning, when they show any), capped at the request's maxTokens. An estimate for planning,
 * not a bound: `--max-cost` reserves the cap.
 */
export function expectedReplyTokens(variant: Pick<Variant, 'examples'>, counter: TokenCounter, cap: number): number {
  if (variant.examples.length === 0) return Math.min(cap, DEFAULT_EXPECTED_REPLY_TOKENS);
  let total = 0;
  for (const example of variant.examples) {
    const reasoning = example.reasoning?.trim();
    total += counter.count(`${reasoning ? `<thinking>${reasoning}</thinking>\n` : ''}${JSON.stringify(toSeedReply(example.output))}`);
  }
  return Math.min(cap, Math.ceil(total / variant.examples.length));
}
