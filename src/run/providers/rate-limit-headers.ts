/** One of a provider's rate-limit budgets as a reply reported it. */
export interface RateLimitWindow {
  /** The budget when full. */
  limit: number;
  /** What was left once this request was counted. */
  remaining: number;
  /** Milliseconds until the budget is full again (both providers refill continuously). */
  resetMs: number;
}

/** What a reply's headers said about the target's request and token budgets. */
export interface RateLimitReading {
  requests?: RateLimitWindow;
  tokens?: RateLimitWindow;
}

type HeaderSource = { get(name: string): string | null };

/**
 * Reads OpenAI's `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (reset as a duration,
 * "1s", "6m0s", "20ms") and Anthropic's `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`
 * (reset as an RFC 3339 time; its `tokens` family is the most restrictive of the input and output
 * limits). A value that does not parse, or a negative one (Azure sends -1 when it has none), leaves
 * that budget unknown. Pure: `now` is passed in.
 */
export function readRateLimitHeaders(headers: HeaderSource | undefined, now: number): RateLimitReading | undefined {
  if (!headers) return undefined;
  const reading: RateLimitReading = {};
  for (const kind of ['requests', 'tokens'] as const) {
    const window =
      readWindow(headers.get(`x-ratelimit-limit-${kind}`), headers.get(`x-ratelimit-remaining-${kind}`), parseDuration(headers.get(`x-ratelimit-reset-${kind}`))) ??
      readWindow(headers.get(`anthropic-ratelimit-${kind}-limit`), headers.get(`anthropic-ratelimit-${kind}-remaining`), untilTime(headers.get(`anthropic-ratelimit-${kind}-reset`), now));
    if (window) reading[kind] = window;
  }
  return reading.requests || reading.tokens ? reading : undefined;
}

/** True when a budget the reading reports has nothing left: the provider's limit is reached. */
export function isLimitReached(reading: RateLimitReading | undefined): boolean {
  return reading !== undefined && ((reading.requests?.remaining ?? 1) < 1 || (reading.tokens?.remaining ?? 1) < 1);
}

function readWindow(limitText: string | null, remainingText: string | null, resetMs: number | undefined): RateLimitWindow | undefined {
  const limit = toCount(limitText);
  const remaining = toCount(remainingText);
  if (limit === undefined || remaining === undefined || limit === 0) return undefined;
  return { limit, remaining: Math.min(remaining, limit), resetMs: resetMs ?? 0 };
}

function toCount(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000_001 };

/** A Go duration as OpenAI writes it: "1s", "6m0s", "1h2m3.5s", "20ms"; a bare number is seconds. */
export function parseDuration(text: string | null): number | undefined {
  if (text === null) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  let total = 0;
  let rest = t;
  while (rest !== '') {
    const part = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/.exec(rest);
    if (!part) return undefined;
    total += Number(part[1]) * UNIT_MS[part[2]!]!;
    rest = rest.slice(part[0].length);
  }
  return total;
}

function untilTime(text: string | null, now: number): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
