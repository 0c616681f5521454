import type { Usage } from '../results/trial-result.ts';
import type { ModelPrice } from './price-table.ts';

/** Live calls pay the list price; a provider batch pays the batch columns. */
export type BillingMode = 'live' | 'batch';

interface Rates {
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
}

function ratesOf(price: ModelPrice, mode: BillingMode): Rates {
  return mode === 'live'
    ? price
    : { input: price.batchInput, cachedInput: price.batchCachedInput, cacheWrite: price.batchCacheWrite, output: price.batchOutput };
}

/** USD for one call: cached input at the cached price, cache writes at the write price, the rest at the input price. */
export function costOfUsage(price: ModelPrice, usage: Usage, mode: BillingMode): number {
  const r = ratesOf(price, mode);
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const plain = Math.max(0, usage.inputTokens - cached - written);
  return (plain * r.input + cached * r.cachedInput + written * r.cacheWrite + usage.outputTokens * r.output) / 1_000_000;
}

/**
 * What the prompt cache changed against paying every input token at the input price: reads save,
 * writes (Anthropic bills them at 1.25×) cost extra. Undefined when the call touched no cache.
 */
export function promptCacheSaving(price: ModelPrice, usage: Usage, mode: BillingMode): number | undefined {
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  if (cached === 0 && written === 0) return undefined;
  const r = ratesOf(price, mode);
  return (cached * (r.input - r.cachedInput) - written * (r.cacheWrite - r.input)) / 1_000_000;
}
