import type { Target } from '../config/target-schema.ts';
import type { Completion, CompletionRequest, Provider } from '../run/providers/provider.ts';
import { ProviderError } from '../run/providers/provider-error.ts';
import type { Budget } from './budget.ts';
import { costOfUsage } from './compute-cost.ts';
import { loadTokenCounter } from './count-tokens.ts';
import { estimateInputTokens, maxOutputTokens } from './estimate-call.ts';
import type { ModelPrice } from './price-table.ts';

/**
 * The most one call can cost: every input token at the dearer of the input and cache-write prices,
 * the reply at its maxTokens. A live call's price: the budget holds this from before the request
 * until its real usage settles it.
 */
export async function worstCaseCost(request: CompletionRequest, target: Target, price: ModelPrice): Promise<number> {
  const counter = await loadTokenCounter(target);
  const input = estimateInputTokens(request, counter);
  return (input * Math.max(price.input, price.cacheWrite) + maxOutputTokens(request) * price.output) / 1_000_000;
}

/**
 * Every attempt reserves its worst case before it is sent and settles with the cost of its real
 * usage (0 when it failed). When the budget cannot hold the next attempt, `onExhausted` stops the
 * run first, then the attempt fails: a call cut short by a stop is not a result, a resume redoes it.
 */
export function withBudget(inner: Provider, target: Target, price: ModelPrice, budget: Budget, onExhausted: () => void): Provider {
  return {
    simulated: inner.simulated,
    async complete(request: CompletionRequest): Promise<Completion> {
      const reservation = await budget.reserve(await worstCaseCost(request, target, price));
      if (reservation === undefined) {
        onExhausted();
        throw new ProviderError('stopped at the budget (--max-cost)', { retryable: false });
      }
      let cost = 0;
      try {
        const completion = await inner.complete(request);
        cost = costOfUsage(price, completion.usage, 'live');
        return completion;
      } finally {
        reservation.settle(cost);
      }
    },
  };
}
