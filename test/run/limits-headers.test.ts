import { describe, expect, it } from 'vitest';
import { createHeaderPacer } from '../../src/run/limits/header-pacer.ts';
import { isLimitReached, parseDuration, readRateLimitHeaders } from '../../src/run/providers/rate-limit-headers.ts';

describe('readRateLimitHeaders', () => {
  it('reads OpenAI’s x-ratelimit-* with durations', () => {
    const h = new Headers({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '160000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(readRateLimitHeaders(h, 0)).toEqual({ requests: { limit: 5000, remaining: 4999, resetMs: 12 }, tokens: { limit: 160000, remaining: 0, resetMs: 360_000 } });
  });

  it('reads Anthropic’s anthropic-ratelimit-* with RFC 3339 times', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const h = new Headers({
      'anthropic-ratelimit-requests-limit': '1000',
      'anthropic-ratelimit-requests-remaining': '999',
      'anthropic-ratelimit-requests-reset': '2026-11-22T10:00:00.060Z',
      'anthropic-ratelimit-tokens-limit': '96000',
      'anthropic-ratelimit-tokens-remaining': '95000',
      'anthropic-ratelimit-tokens-reset': '2026-11-22T10:00:01Z',
    });
    expect(readRateLimitHeaders(h, now)).toEqual({ requests: { limit: 1000, remaining: 999, resetMs: 60 }, tokens: { limit: 96000, remaining: 95000, resetMs: 1000 } });
  });

  it.each([
    [{}, undefined],
    [{ 'x-ratelimit-limit-tokens': '-1', 'x-ratelimit-remaining-tokens': '-1', 'x-ratelimit-reset-tokens': '0' }, undefined],
    [{ 'x-ratelimit-limit-requests': 'lots', 'x-ratelimit-remaining-requests': '3' }, undefined],
    [{ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': 'soon' }, { requests: { limit: 10, remaining: 3, resetMs: 0 } }],
  ])('leaves what does not parse unknown: %j', (headers, reading) => {
    expect(readRateLimitHeaders(new Headers(headers), 0)).toEqual(reading);
  });

  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
    ['20ms', 20],
    ['2', 2000],
    ['1x', undefined],
  ])('parseDuration(%s) = %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('says the limit is reached when a budget has nothing left', () => {
    expect(isLimitReached({ requests: { limit: 10, remaining: 0, resetMs: 6000 } })).toBe(true);
    expect(isLimitReached({ tokens: { limit: 10, remaining: 3, resetMs: 6000 } })).toBe(false);
    expect(isLimitReached(undefined)).toBe(false);
  });
});

describe('createHeaderPacer', () => {
  it('holds nothing back before any reply brought headers', () => {
    const pacer = createHeaderPacer(() => 0);
    pacer.take(1000);
    expect(pacer.waitMs(1000)).toBe(0);
  });

  it('mirrors what the server said is left, less what was sent since, and refills at the rate it reports', () => {
    let t = 0;
    const pacer = createHeaderPacer(() => t);
    pacer.take(0); // this attempt
    const sentAt = pacer.mark();
    pacer.take(0); // two more sent before its reply came
    pacer.take(0);
    // The reply to the first: 3 of 10 left, full again in 700 ms (7 missing: one every 100 ms).
    pacer.observe({ requests: { limit: 10, remaining: 3, resetMs: 700 } }, sentAt);
    expect(pacer.waitMs(1)).toBe(0); // 3 − 2 sent since = 1 left
    pacer.take(0);
    expect(pacer.waitMs(1)).toBe(100);
    t += 100;
    expect(pacer.waitMs(1)).toBe(0);
  });

  it('paces tokens too, and never holds an attempt back for more than a minute (a day’s quota is the server’s to refuse)', () => {
    const t = 0;
    const pacer = createHeaderPacer(() => t);
    pacer.take(500);
    pacer.observe({ tokens: { limit: 1000, remaining: 200, resetMs: 800 } }, pacer.mark());
    expect(pacer.waitMs(200)).toBe(0);
    expect(pacer.waitMs(400)).toBe(200); // 200 short at 1 token a ms
    pacer.observe({ requests: { limit: 100, remaining: 0, resetMs: 86_400_000 } }, pacer.mark());
    expect(pacer.waitMs(1)).toBe(0);
  });
});
