import { DEFAULT_MAX_TOKENS, type CompletionRequest } from '../providers/provider.ts';
import { memoizeText } from '../../text/memoize-text.ts';

/** Per-message framing (role markers) that every chat format adds. */
const PER_MESSAGE = 4;

/**
 * Tokens an attempt may spend, known before it is sent, for the tpm budget: the prompt plus the
 * reply cap. A character outside ASCII counts as a whole token: a Hangul syllable costs roughly
 * one (less on the newest tokenizers, more on older ones), where English averages four characters
 * a token. The reply counts at its cap (`maxTokens`), as OpenAI counts it. Erring high only delays
 * a call a little: the real usage replaces the estimate as soon as the call returns.
 */
export function estimateRequestTokens(request: CompletionRequest): number {
  let tokens = countTextTokens(request.system) + PER_MESSAGE;
  for (const m of request.messages) tokens += countTextTokens(m.content) + PER_MESSAGE;
  return tokens + (request.params.maxTokens ?? DEFAULT_MAX_TOKENS);
}

/** The system prompt and the examples are the same strings call after call: each is counted once. */
export const countTextTokens: (text: string) => number = memoizeText(countTokens, 2_000);

function countTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4) + other;
}
