import type { Target } from '../config/target-schema.ts';
import type { Usage } from '../results/trial-result.ts';
import { costOfUsage, promptCacheSaving, type BillingMode } from './compute-cost.ts';
import { resolvePrice, type ResolvedPrice } from './resolve-price.ts';

/** A result's cost fields: `costUsd` null when a target involved has no price. */
export interface TrialCost {
  costUsd: number | null;
  /** Absent when no token touched the provider's prompt cache. */
  promptCacheSavingUsd?: number;
}

export interface PricedCall {
  target: Target;
  usage: Usage;
  mode: BillingMode;
}

const resolved = new WeakMap<Target, ResolvedPrice | null>();

/** resolvePrice, once per target object (a run prices every call of a target the same). */
export function priceOf(target: Target): ResolvedPrice | undefined {
  let known = resolved.get(target);
  if (known === undefined) resolved.set(target, (known = resolvePrice(target) ?? null));
  return known ?? undefined;
}

/** The reply call plus its judging, each at its own target's price and billing mode. */
export function costOfTrial(calls: readonly PricedCall[]): TrialCost {
  let costUsd: number | null = 0;
  let saving: number | undefined;
  for (const { target, usage, mode } of calls) {
    const price = priceOf(target);
    if (price === undefined) {
      costUsd = null;
      continue;
    }
    if (costUsd !== null) costUsd += costOfUsage(price.price, usage, mode);
    const saved = promptCacheSaving(price.price, usage, mode);
    if (saved !== undefined) saving = (saving ?? 0) + saved;
  }
  return saving === undefined ? { costUsd } : { costUsd, promptCacheSavingUsd: saving };
}
