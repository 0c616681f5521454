import type { Price, Target } from '../config/target-schema.ts';
import { PRICE_TABLE, type ModelPrice } from './price-table.ts';

/** A target's price and where it came from; undefined when there is none (cost then reads "unknown", never $0). */
export interface ResolvedPrice {
  price: ModelPrice;
  /** `config`: the target's `price:`; `table`: the built-in price table; `free`: the simulated model. */
  source: 'config' | 'table' | 'free';
}

const FREE: ModelPrice = { input: 0, cachedInput: 0, cacheWrite: 0, output: 0, batchInput: 0, batchCachedInput: 0, batchCacheWrite: 0, batchOutput: 0 };

/**
 * The target's `price:` first, then the table by model name (a dated snapshot such as
 * `gpt-4.1-mini-2025-04-14` or `claude-haiku-4-5-20251001` is priced as its model), else none. The
 * model name decides, not the endpoint: a proxy serving `gpt-4.1-mini` is priced as OpenAI's.
 */
export function resolvePrice(target: Target): ResolvedPrice | undefined {
  if (target.provider === 'mock') return { price: FREE, source: 'free' };
  if (target.price) return { price: fromConfig(target.price), source: 'config' };
  const known = PRICE_TABLE[target.provider][priceKey(target.model)];
  return known ? { price: known, source: 'table' } : undefined;
}

/** `gpt-4.1-mini-2025-04-14` → `gpt-4.1-mini`; `claude-haiku-4-5-20251001` → `claude-haiku-4-5`; `…-latest` → `…`. */
export function priceKey(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '');
}

/** Left-out fields follow the documented defaults: no cache discount, half price in a batch. */
function fromConfig(p: Price): ModelPrice {
  const cachedInput = p.cachedInputPerMTok ?? p.inputPerMTok;
  const cacheWrite = p.cacheWritePerMTok ?? p.inputPerMTok;
  const batchInput = p.batchInputPerMTok ?? p.inputPerMTok / 2;
  const batchShare = p.inputPerMTok === 0 ? 0.5 : batchInput / p.inputPerMTok;
  return {
    input: p.inputPerMTok,
    cachedInput,
    cacheWrite,
    output: p.outputPerMTok,
    batchInput,
    batchCachedInput: cachedInput * batchShare,
    batchCacheWrite: cacheWrite * batchShare,
    batchOutput: p.batchOutputPerMTok ?? p.outputPerMTok / 2,
  };
}
