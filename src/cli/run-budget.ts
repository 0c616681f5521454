import type { Project } from '../config/load-project.ts';
import type { Target } from '../config/target-schema.ts';
import { createBudget, type Budget } from '../cost/budget.ts';
import { withBudget } from '../cost/budget-provider.ts';
import { priceOf } from '../cost/trial-cost.ts';
import { UserError } from '../errors.ts';
import { formatCost } from '../report/format-numbers.ts';
import type { Provider } from '../run/providers/provider.ts';
import type { RunFlags } from './program.ts';

export interface RunBudget {
  budget: Budget;
  /** Aborted when the next call would not fit: the run starts no new call, like a first Ctrl-C. */
  stop: AbortSignal;
  providers: Map<string, Provider>;
  judge: Provider | undefined;
}

/**
 * `--max-cost` (or the config's maxCost): this command may spend at most that much. Every target
 * needs a price, or "could exceed the budget" cannot be known; the mock is free.
 */
export function prepareBudget(
  flags: RunFlags,
  project: Project,
  providers: ReadonlyMap<string, Provider>,
  judge: { target: Target; provider: Provider } | undefined,
): RunBudget | undefined {
  const maxUsd = flags.maxCost ?? project.config.maxCost;
  if (maxUsd === undefined) return undefined;
  const unpriced = [...project.targets, ...(judge ? [judge.target] : [])].filter((t) => priceOf(t) === undefined);
  if (unpriced.length > 0) {
    throw new UserError(
      'NO_PRICE',
      `--max-cost needs a price for every target: ${unpriced.map((t) => t.id).join(', ')} ${unpriced.length === 1 ? 'has' : 'have'} none (not in the built-in table); set price: { inputPerMTok, outputPerMTok } on ${unpriced.length === 1 ? 'it' : 'them'} in the config`,
    );
  }
  const budget = createBudget(maxUsd);
  const stopper = new AbortController();
  const wrap = (provider: Provider, target: Target) => withBudget(provider, target, priceOf(target)!.price, budget, () => stopper.abort());
  const wrapped = new Map<string, Provider>();
  for (const target of project.targets) {
    const provider = providers.get(target.id);
    if (provider) wrapped.set(target.id, wrap(provider, target));
  }
  return { budget, stop: stopper.signal, providers: wrapped, judge: judge && wrap(judge.provider, judge.target) };
}

/** How far a run stopped by its budget got, and how to go on. */
export function describeBudgetStop(budget: Budget, progress: { done: number; planned: number }, shownOut: string): string {
  const next = budget.refusedUsd === undefined ? '' : ` (the next call could cost up to ${formatCost(budget.refusedUsd)})`;
  return [
    `Stopped at the budget: spent ${formatCost(budget.spentUsd())} of --max-cost ${formatCost(budget.maxUsd)}${next}; ${progress.done} of ${progress.planned} calls done.`,
    `The run is incomplete (summary.json says complete: false). Continue with: subtodo-eval run --resume ${shownOut} --max-cost <usd>`,
  ].join('\n');
}
