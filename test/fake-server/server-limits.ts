import type { FakeApi, FakeReply, Responder } from './fake-types.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A server that works on `capacity` requests at once and refuses any beyond that at once with a
 * 429 and `Retry-After` (as a provider's concurrency limit does). The inner reply's latency is
 * spent here, holding the place, so the count is of requests really in progress.
 */
export function withCapacity(inner: Responder, options: { capacity: number; retryAfterSeconds?: number }): Responder {
  let inProgress = 0;
  return async (req) => {
    if (inProgress >= options.capacity) return { fault: 'status', status: 429, retryAfter: String(options.retryAfterSeconds ?? 1), message: `fake server: at capacity (${options.capacity} at once)` };
    inProgress++;
    try {
      const reply = await inner(req);
      if (reply.latencyMs !== undefined && reply.latencyMs > 0 && !('fault' in reply && reply.fault === 'hang')) await sleep(reply.latencyMs);
      return { ...reply, latencyMs: 0 };
    } finally {
      inProgress--;
    }
  };
}

export interface RateLimitOptions {
  /** Requests the budget holds when full. */
  limit: number;
  /** How long an empty budget takes to fill up again (it refills continuously). @default 60000 */
  windowMs?: number;
  now?: () => number;
}

/**
 * A request budget like OpenAI's and Anthropic's: a bucket of `limit` requests refilled
 * continuously over `windowMs`, reported on every reply in the provider's own rate-limit headers
 * (`x-ratelimit-*` with a duration, `anthropic-ratelimit-*` with an RFC 3339 time); a request
 * that finds it empty gets a 429 saying remaining 0, with `retry-after-ms`.
 */
export function withRateLimit(inner: Responder, options: RateLimitOptions): Responder {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? 60_000;
  const perMs = options.limit / windowMs;
  let level = options.limit;
  let last = now();
  return async (req) => {
    const t = now();
    level = Math.min(options.limit, level + (t - last) * perMs);
    last = t;
    if (level < 1) {
      const waitMs = Math.ceil((1 - level) / perMs);
      const fullMs = Math.ceil((options.limit - level) / perMs);
      return { fault: 'status', status: 429, retryAfterMs: waitMs, retryAfter: String(Math.ceil(waitMs / 1000)), headers: rateLimitHeaders(req.api, options.limit, 0, fullMs, t) };
    }
    level -= 1;
    const reply: FakeReply = await inner(req);
    const remaining = Math.floor(level);
    const resetMs = Math.ceil((options.limit - level) / perMs);
    return { ...reply, headers: { ...('headers' in reply ? reply.headers : {}), ...rateLimitHeaders(req.api, options.limit, remaining, resetMs, t) } };
  };
}

function rateLimitHeaders(api: FakeApi, limit: number, remaining: number, resetMs: number, now: number): Record<string, string> {
  if (api === 'openai') {
    return { 'x-ratelimit-limit-requests': String(limit), 'x-ratelimit-remaining-requests': String(remaining), 'x-ratelimit-reset-requests': `${resetMs}ms` };
  }
  return {
    'anthropic-ratelimit-requests-limit': String(limit),
    'anthropic-ratelimit-requests-remaining': String(remaining),
    'anthropic-ratelimit-requests-reset': new Date(now + resetMs).toISOString(),
  };
}
