import type { Target } from '../config/target-schema.ts';
import { costOfUsage, type BillingMode } from './compute-cost.ts';
import type { TokenCounter } from './count-tokens.ts';
import { PRICES_CHECKED_ON } from './price-table.ts';
import { priceOf } from './trial-cost.ts';
import { ASSUMED_CALL_SECONDS, estimateSeconds, type TimeEstimate } from './time-estimate.ts';

/** What `run --dry-run` found for one call it would make. */
export interface CallFacts {
  /** The response cache already answers it: it would cost nothing. */
  cached: boolean;
  inputTokens: number;
  expectedOutputTokens: number;
  maxOutputTokens: number;
}

/** Whether a target's endpoint has a provider batch API. */
export type BatchSupport = 'yes' | 'unknown' | 'no';

export interface TargetEstimate {
  target: string;
  /** `judge`: the judge's calls, one per reply that passes the gates (so at most this many). */
  role: 'target' | 'judge';
  provider: string;
  model: string;
  simulated: boolean;
  calls: number;
  cached: number;
  toCall: number;
  /** Over the calls to make, not the cached ones. */
  inputTokens: number;
  expectedOutputTokens: number;
  maxOutputTokens: number;
  tokenizer: TokenCounter['method'];
  /** Where the price came from; null: no known price (cost unknown, never $0). */
  priceSource: 'config' | 'table' | 'free' | null;
  /** Expected (replies as long as the variant's examples) and at most (every reply at maxTokens), live and batch. */
  costUsd: { live: number; batch: number; liveMax: number; batchMax: number } | null;
  batchApi: BatchSupport;
  /** Live, from the target's concurrency, rpm and tpm. */
  time: TimeEstimate;
}

export interface CellEstimate {
  variant: string;
  target: string;
  calls: number;
  cached: number;
  toCall: number;
}

/** `run --dry-run --json`. */
export interface DryRunReport {
  dryRun: true;
  mode: BillingMode;
  /** Calls in the run's plan, and those a resumed run already has results for. */
  plannedCalls: number;
  alreadyDone: number;
  targets: TargetEstimate[];
  cells: CellEstimate[];
  /** Sums over targets with a price; null when no target has one. */
  /** Live seconds: the slowest target, or all calls through the run's global concurrency, whichever is longer. */
  total: { toCall: number; costUsd: number | null; costUsdMax: number | null; unpricedTargets: string[]; seconds: number };
  pricesCheckedOn: string;
}

export interface EstimateOptions {
  mode: BillingMode;
  concurrency: number;
  batchSupport: (target: Target) => BatchSupport;
  tokenizerOf: (target: Target) => TokenCounter['method'];
}

/** Adds up a dry run call by call (the plan streams past it), then prices it: pure. */
export function createPlanEstimate(options: EstimateOptions) {
  const targets = new Map<string, { target: Target; role: TargetEstimate['role']; sums: Omit<CallFacts, 'cached'> & { calls: number; cached: number } }>();
  const cells = new Map<string, CellEstimate>();
  const zero = () => ({ calls: 0, cached: 0, inputTokens: 0, expectedOutputTokens: 0, maxOutputTokens: 0 });

  const add = (target: Target, role: TargetEstimate['role'], facts: CallFacts) => {
    const key = `${role}\u0000${target.id}`;
    let entry = targets.get(key);
    if (entry === undefined) targets.set(key, (entry = { target, role, sums: zero() }));
    const s = entry.sums;
    s.calls++;
    if (facts.cached) {
      s.cached++;
      return;
    }
    s.inputTokens += facts.inputTokens;
    s.expectedOutputTokens += facts.expectedOutputTokens;
    s.maxOutputTokens += facts.maxOutputTokens;
  };

  return {
    addReply(variant: string, target: Target, facts: CallFacts): void {
      add(target, 'target', facts);
      const key = `${variant}\u0000${target.id}`;
      let cell = cells.get(key);
      if (cell === undefined) cells.set(key, (cell = { variant, target: target.id, calls: 0, cached: 0, toCall: 0 }));
      cell.calls++;
      if (facts.cached) cell.cached++;
      else cell.toCall++;
    },
    addJudge(target: Target, facts: CallFacts): void {
      add(target, 'judge', facts);
    },
    finish(run: { plannedCalls: number; alreadyDone: number }): DryRunReport {
      const rows = [...targets.values()].map(({ target, role, sums }) => priceTarget(target, role, sums, options));
      const priced = rows.filter((r) => r.costUsd !== null && r.toCall > 0);
      const pick = (r: TargetEstimate, max: boolean) => (r.costUsd === null ? 0 : options.mode === 'batch' && r.batchApi !== 'no' ? (max ? r.costUsd.batchMax : r.costUsd.batch) : max ? r.costUsd.liveMax : r.costUsd.live);
      return {
        dryRun: true,
        mode: options.mode,
        plannedCalls: run.plannedCalls,
        alreadyDone: run.alreadyDone,
        targets: rows,
        cells: [...cells.values()],
        total: {
          toCall: rows.reduce((n, r) => n + r.toCall, 0),
          costUsd: priced.length === 0 ? null : priced.reduce((n, r) => n + pick(r, false), 0),
          costUsdMax: priced.length === 0 ? null : priced.reduce((n, r) => n + pick(r, true), 0),
          unpricedTargets: rows.filter((r) => r.costUsd === null && r.toCall > 0).map((r) => r.target),
          seconds: Math.max(
            ...rows.map((r) => r.time.seconds),
            (rows.filter((r) => !r.simulated).reduce((n, r) => n + r.toCall, 0) * ASSUMED_CALL_SECONDS) / options.concurrency,
          ),
        },
        pricesCheckedOn: PRICES_CHECKED_ON,
      };
    },
  };
}

function priceTarget(target: Target, role: TargetEstimate['role'], s: Omit<CallFacts, 'cached'> & { calls: number; cached: number }, options: EstimateOptions): TargetEstimate {
  const price = priceOf(target);
  const toCall = s.calls - s.cached;
  const at = (mode: BillingMode, output: number) => (price ? costOfUsage(price.price, { inputTokens: s.inputTokens, outputTokens: output }, mode) : 0);
  return {
    target: target.id,
    role,
    provider: target.provider,
    model: target.model,
    simulated: target.provider === 'mock',
    calls: s.calls,
    cached: s.cached,
    toCall,
    inputTokens: s.inputTokens,
    expectedOutputTokens: s.expectedOutputTokens,
    maxOutputTokens: s.maxOutputTokens,
    tokenizer: options.tokenizerOf(target),
    priceSource: price?.source ?? null,
    costUsd: price ? { live: at('live', s.expectedOutputTokens), batch: at('batch', s.expectedOutputTokens), liveMax: at('live', s.maxOutputTokens), batchMax: at('batch', s.maxOutputTokens) } : null,
    batchApi: options.batchSupport(target),
    time: estimateSeconds({ calls: toCall, tokensPerCall: toCall === 0 ? 0 : (s.inputTokens + s.expectedOutputTokens) / toCall, concurrency: Math.min(target.concurrency ?? options.concurrency, options.concurrency), rpm: target.rpm, tpm: target.tpm, simulated: target.provider === 'mock' }),
  };
}
