/**
 * The built-in price table: USD per million tokens for current OpenAI and Anthropic models, as the
 * providers published them. A target's `price:` overrides it; a model missing here has no known
 * price, and reports say "unknown" rather than $0.
 *
 * Checked 2026-11-29 against stored copies of (no network here, so read from the search index):
 * - Anthropic: https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input,
 *   5m cache writes, cache hits, output) and the per-model pages
 *   https://platform.claude.com/docs/en/models/{opus-5,sonnet-5,sonnet-5-5}/overview ("Batch API: 50%
 *   discount on input and output"). Sonnet 5.5 cache hits were cut from $0.20 to $0.10 on 2026-10-07
 *   (release notes of kurofune/claudit v1.9.2 and TheKrush/PromptFuel v1.0.23, both re-checked against
 *   the pricing page in October 2026). Haiku 5.5 is the lower band (prompts up to 100k tokens).
 * - OpenAI: https://developers.openai.com/api/docs/pricing as quoted by
 *   https://deploybase.ai/articles/gpt-4.1-pricing (March 2026: GPT-4.1 family, batch at half),
 *   https://chatgptpricing-akr.pages.dev/api-pricing (GPT-4o family with cached and batch columns),
 *   https://hex.pm/packages/openai_responses (pricing.ex: GPT-4.1 cached input) and
 *   https://docs.rs/crate/adk-model (openai/pricing.rs, March 2026: GPT-5 family cached input is
 *   10% of input, GPT-4.1 25%, GPT-4o and o-series 50%).
 *
 * Both providers bill a batch at half of every token price, prompt-cache reads and writes included
 * (the discounts stack), so the batch columns are half the live ones. Anthropic bills a 5-minute
 * cache write at 1.25× the input price; OpenAI's prefix cache has no write premium.
 */
export const PRICES_CHECKED_ON = '2026-11-29';

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  /** Input tokens read from the provider's prompt cache. */
  cachedInput: number;
  /** Input tokens written to the prompt cache (Anthropic's `cache_control`). */
  cacheWrite: number;
  output: number;
  batchInput: number;
  batchCachedInput: number;
  batchCacheWrite: number;
  batchOutput: number;
}

/** Live prices; the batch prices are half of each (see above). */
function price(input: number, cachedInput: number, output: number, cacheWrite = input): ModelPrice {
  return { input, cachedInput, cacheWrite, output, batchInput: input / 2, batchCachedInput: cachedInput / 2, batchCacheWrite: cacheWrite / 2, batchOutput: output / 2 };
}

/** Model ids as the API takes them, without a date suffix (see `priceKey`). */
export const PRICE_TABLE: { readonly openai: Readonly<Record<string, ModelPrice>>; readonly anthropic: Readonly<Record<string, ModelPrice>> } = {
  openai: {
    'gpt-5.4': price(2.5, 0.25, 15),
    'gpt-5.4-mini': price(0.75, 0.075, 4.5),
    'gpt-5': price(1.25, 0.125, 10),
    'gpt-5-mini': price(0.25, 0.025, 2),
    'gpt-5-nano': price(0.05, 0.005, 0.4),
    'gpt-4.1': price(2, 0.5, 8),
    'gpt-4.1-mini': price(0.4, 0.1, 1.6),
    'gpt-4.1-nano': price(0.1, 0.025, 0.4),
    'gpt-4o': price(2.5, 1.25, 10),
    'gpt-4o-mini': price(0.15, 0.075, 0.6),
    'o4-mini': price(1.1, 0.275, 4.4),
  },
  anthropic: {
    'claude-fable-5-1': price(10, 0.25, 50, 12.5),
    'claude-opus-5-5': price(4, 0.2, 20, 5),
    'claude-opus-5': price(5, 0.5, 25, 6.25),
    'claude-opus-4-8': price(5, 0.5, 25, 6.25),
    'claude-opus-4-7': price(5, 0.5, 25, 6.25),
    'claude-opus-4-6': price(5, 0.5, 25, 6.25),
    'claude-opus-4-5': price(5, 0.5, 25, 6.25),
    'claude-sonnet-5-5': price(2, 0.1, 10, 2.5),
    'claude-sonnet-5': price(2, 0.2, 10, 2.5),
    'claude-sonnet-4-6': price(3, 0.3, 15, 3.75),
    'claude-sonnet-4-5': price(3, 0.3, 15, 3.75),
    'claude-sonnet-4': price(3, 0.3, 15, 3.75),
    'claude-haiku-5-5': price(0.1, 0.01, 0.5, 0.125),
    'claude-haiku-4-5': price(1, 0.1, 5, 1.25),
    'claude-3-5-haiku': price(0.8, 0.08, 4, 1),
  },
};
