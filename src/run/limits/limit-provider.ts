import type { Completion, CompletionRequest, Provider } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { isLimitReached, type RateLimitReading } from '../providers/rate-limit-headers.ts';
import type { AdaptiveConcurrency, Attempt, AttemptReply } from './adaptive-concurrency.ts';
import { estimateRequestTokens } from './estimate-tokens.ts';
import type { HeaderPacer, PacerMark } from './header-pacer.ts';
import type { RateGate } from './rate-gate.ts';
import type { SlotGate } from './slot-gate.ts';

/** 429 Too Many Requests and Anthropic's 529 Overloaded: the server asks us to slow down. */
const THROTTLE = new Set([429, 529]);

export interface ProviderLimits {
  /** This target's calls in flight, sized by `concurrency`. */
  slots: SlotGate;
  concurrency: AdaptiveConcurrency;
  rate: RateGate | undefined;
  /** Mirrors the provider's rate-limit headers; it paces through `rate`. */
  pacer: HeaderPacer | undefined;
  /** Calls in flight over all targets. */
  global: SlotGate;
  /** For the request's own latency, and the concurrency the server serves. */
  now: () => number;
  /** Each throttled reply, and each move of the limit. */
  onThrottled?: ((status: number) => void) | undefined;
  onLimit?: ((limit: number) => void) | undefined;
}

/**
 * Puts every attempt — the retry loop calls `complete` once per attempt, so retries too — through
 * the target's limits in this order: its own slot, its rate budget, then a global slot. A target
 * waiting for its slot or its budget holds no global slot, so it never slows the other targets;
 * the global slot is held only while the request is out. A throttled attempt gives its slots back
 * as soon as its reply comes: the wait its Retry-After asks for happens in the retry loop, holding
 * nothing.
 */
export function limitProvider(provider: Provider, limits: ProviderLimits): Provider {
  const { slots, concurrency, rate, pacer, global } = limits;
  return {
    simulated: provider.simulated,
    async complete(request: CompletionRequest): Promise<Completion> {
      const retry = (request.attempt ?? 1) > 1;
      const slot = slots.acquire(retry);
      if (slot) await slot;
      try {
        const reserved = rate ? estimateRequestTokens(request) : 0;
        const budget = rate?.acquire(reserved);
        if (budget) await budget;
        const free = global.acquire(retry);
        if (free) await free;
        const mark = pacer?.mark();
        const sentAt = limits.now();
        const attempt = concurrency.begin(sentAt);
        try {
          const completion: Completion = { ...(await provider.complete(request)) };
          // The time in the queues above is ours, not the model's: latency starts when the request goes out.
          completion.latencyMs = limits.now() - sentAt;
          observe(completion.rateLimit, mark);
          record(attempt, { outcome: 'ok' });
          // A server that reports no usage (some local ones) leaves the estimate standing.
          const used = completion.usage.inputTokens + completion.usage.outputTokens;
          if (used > 0) rate?.settle(reserved, used);
          return completion;
        } catch (e) {
          // A failed attempt keeps its reservation: OpenAI counts failed requests against the limits too.
          const status = statusOf(e);
          const throttled = status !== undefined && THROTTLE.has(status);
          const reading = e instanceof ProviderError ? e.rateLimit : undefined;
          observe(reading, mark);
          if (throttled) limits.onThrottled?.(status);
          record(attempt, { outcome: throttled ? 'throttled' : 'failed', limitReached: throttled && isLimitReached(reading) });
          throw e;
        } finally {
          global.release();
        }
      } finally {
        slots.release();
      }
    },
  };

  function observe(reading: RateLimitReading | undefined, mark: PacerMark | undefined): void {
    if (!reading || !pacer || !mark) return;
    pacer.observe(reading, mark);
    rate?.recheck();
  }

  function record(attempt: Attempt, reply: AttemptReply): void {
    const moved = concurrency.end(attempt, reply);
    if (moved !== undefined) limits.onLimit?.(moved);
  }
}

function statusOf(e: unknown): number | undefined {
  if (e && typeof e === 'object' && 'status' in e) {
    const s = (e as { status: unknown }).status;
    return typeof s === 'number' ? s : undefined;
  }
  return undefined;
}
