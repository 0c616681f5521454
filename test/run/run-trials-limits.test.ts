import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { sleep } from '../../src/run/call-with-retry.ts';
import type { LimitEvent } from '../../src/run/limits/index.ts';
import type { Completion, CompletionRequest, Provider } from '../../src/run/providers/provider.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { runTrials } from '../../src/run/run-trials.ts';
import { RubricSchema } from '../../src/config/rubric-schema.ts';
import { makeCase, makeTarget, makeVariant } from '../support/fixtures.ts';
import { makeJudge, verdictText } from '../support/judge-fixtures.ts';
import { deps } from './run-deps.ts';
import { fakeClock } from './limits-fake-clock.ts';

const ANSWER = '{"type":"answer","items":["자료 모으기","초안 쓰기"]}';
const cases = (n: number) => Array.from({ length: n }, (_, i) => makeCase(`c${i}`, `보고서 ${i}`));
const tick = () => new Promise((r) => setImmediate(r));

/** A provider that answers after `ms`, or with whatever `fail` returns for the n-th call (1-based); it tracks calls in flight. */
function timed(ms: number, fail: (n: number, req: CompletionRequest) => Error | undefined = () => undefined) {
  let inFlight = 0;
  const p = {
    simulated: false,
    calls: 0,
    maxInFlight: 0,
    /** Calls in flight as each call started, in order. */
    seenInFlight: [] as number[],
    async complete(req: CompletionRequest): Promise<Completion> {
      const n = ++p.calls;
      inFlight++;
      p.maxInFlight = Math.max(p.maxInFlight, inFlight);
      p.seenInFlight.push(inFlight);
      try {
        if (ms > 0) await new Promise((r) => setTimeout(r, ms));
        const error = fail(n, req);
        if (error) throw error;
        return { text: ANSWER, usage: { inputTokens: 10, outputTokens: 5 } };
      } finally {
        inFlight--;
      }
    },
  };
  return p;
}

const status = (code: number, retryAfterMs?: number) => Object.assign(new Error(`HTTP ${code}`), { status: code, headers: new Headers(retryAfterMs === undefined ? {} : { 'retry-after-ms': String(retryAfterMs) }) });


async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('runTrials with rate limits', () => {
  it('a target waiting for its rpm holds no global slot: the other target runs through meanwhile', async () => {
    const clock = fakeClock();
    const results: TrialResult[] = [];
    const limited = timed(0);
    const free = timed(1);
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:limited', { rpm: 60, concurrency: 2 }), makeTarget('mock')], cases: cases(10), repeat: 1 });
    // A global concurrency of 2, which the limited target alone could fill while it waits.
    const run = runTrials(plan.trials, deps(new Map<string, Provider>([['openai:limited', limited], ['mock', free]]), results, { concurrency: 2, clock }));
    await until(() => results.filter((r) => r.target === 'mock').length === 10, 'the free target');
    expect(limited.calls).toBe(1); // its clock has not moved: one call, the rest wait
    for (let i = 0; i < 10 && results.length < 20; i++) await clock.advance(1000);
    await run;
    expect(limited.calls).toBe(10);
    expect(clock.now()).toBe(9000); // one a second, no burst
  });

  it('a throttled target sleeping out Retry-After holds no global slot either', async () => {
    const results: TrialResult[] = [];
    const sleeps: (() => void)[] = [];
    const throttled = timed(0, (n) => (n <= 2 ? status(429, 50) : undefined));
    const free = timed(1);
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:busy', { concurrency: 2 }), makeTarget('mock')], cases: cases(10), repeat: 1 });
    const run = runTrials(
      plan.trials,
      deps(new Map<string, Provider>([['openai:busy', throttled], ['mock', free]]), results, {
        concurrency: 2,
        retry: { sleep: () => new Promise<void>((r) => sleeps.push(r)), random: () => 0, now: () => 0, redact: (t) => t },
      }),
    );
    await until(() => results.filter((r) => r.target === 'mock').length === 10, 'the free target');
    expect(sleeps).toHaveLength(2); // both busy trials are sleeping, the free target was not held up
    for (const wake of sleeps) wake();
    await run;
    expect(results.filter((r) => r.target === 'openai:busy').map((r) => r.attempts).sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
  });

  it('a trial resting in its Retry-After lets another trial of the same target take its place', async () => {
    const results: TrialResult[] = [];
    const sleeps: (() => void)[] = [];
    // The first four calls — all a window of two slots would hold — are throttled and sleep until woken.
    const p = timed(0, (n) => (n <= 4 ? status(429, 60_000) : undefined));
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x', { concurrency: 2 })], cases: cases(12), repeat: 1 });
    const run = runTrials(
      plan.trials,
      deps(new Map([['openai:x', p]]), results, {
        concurrency: 2,
        retry: { sleep: () => new Promise<void>((r) => sleeps.push(r)), random: () => 0, now: () => 0, redact: (t) => t },
      }),
    );
    // While four sleep, the other eight run through: the sleepers hold neither a slot nor a place.
    await until(() => results.length === 8, 'the trials behind the sleeping ones');
    expect(sleeps).toHaveLength(4);
    for (const wake of sleeps) wake();
    await run;
    expect(results).toHaveLength(12);
    expect(results.filter((r) => r.attempts === 2)).toHaveLength(4);
  });

  it('honours rpm on every attempt, retries included', async () => {
    const clock = fakeClock();
    const results: TrialResult[] = [];
    const at: number[] = [];
    const seen = new Set<string>();
    // Each trial's first attempt fails; its retry goes through.
    const flaky = timed(0, (_n, req) => {
      at.push(clock.now());
      const text = req.messages.at(-1)?.content ?? '';
      if (seen.has(text)) return undefined;
      seen.add(text);
      return status(503);
    });
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x', { rpm: 60, concurrency: 2 })], cases: cases(2), repeat: 1 });
    const run = runTrials(plan.trials, deps(new Map([['openai:x', flaky]]), results, { clock }));
    for (let i = 0; i < 6 && results.length < 2; i++) await clock.advance(1000);
    await run;
    expect(at).toEqual([0, 1000, 2000, 3000]);
    expect(results.map((r) => [r.outcome, r.attempts])).toEqual([['answer', 2], ['answer', 2]]);
  });

  it('halves a target’s calls in flight after a burst of 429s, climbs back quickly, and records every trial exactly once', async () => {
    const results: TrialResult[] = [];
    const events: LimitEvent[] = [];
    // The first eight attempts — the whole first wave — are throttled, with a Retry-After of 5 ms.
    const busy = timed(3, (n) => (n <= 8 ? status(429, 5) : undefined));
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x', { maxRetries: 3 })], cases: cases(40), repeat: 1 });
    const retry = { sleep, random: () => 0, now: Date.now, redact: (t: string) => t };
    await runTrials(plan.trials, deps(new Map([['openai:x', busy]]), results, { concurrency: 8, retry, onLimitEvent: (e) => events.push(e) }));
    expect(busy.seenInFlight.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The slots the first three 429s free go to waiting trials before the fourth (half the
    // round) makes it a burst; no call had been out long enough to show what the server serves,
    // so the limit halves: four at a time for a round, then 5, 7 and back to 8.
    expect(Math.max(...busy.seenInFlight.slice(8, 11))).toBeLessThanOrEqual(8);
    expect(Math.max(...busy.seenInFlight.slice(11, 15))).toBe(4);
    expect(events.filter((e) => e.kind === 'throttled')).toHaveLength(8);
    const moves = events.flatMap((e) => (e.kind === 'concurrency' ? [[e.from, e.to]] : []));
    expect(moves).toEqual([[8, 4], [4, 5], [5, 7], [7, 8]]);
    expect(results).toHaveLength(40);
    expect(new Set(results.map((r) => r.trialId)).size).toBe(40);
    expect(results.every((r) => r.outcome === 'answer')).toBe(true);
    expect(results.reduce((n, r) => n + r.attempts, 0)).toBe(busy.calls);
    expect(busy.calls).toBe(48);
  });

  it('a stray 429 among successes does not slow the target down', async () => {
    const events: LimitEvent[] = [];
    const sometimes = timed(1, (n) => (n % 10 === 0 ? status(429, 1) : undefined));
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x')], cases: cases(60), repeat: 1 });
    await runTrials(plan.trials, deps(new Map([['openai:x', sometimes]]), [], { concurrency: 8, onLimitEvent: (e) => events.push(e) }));
    expect(events.filter((e) => e.kind === 'throttled').length).toBeGreaterThan(3);
    expect(events.filter((e) => e.kind === 'concurrency')).toEqual([]);
  });

  it('on stop ends the waits for a rate limit at once, keeping the calls that finished', async () => {
    const clock = fakeClock();
    const stop = new AbortController();
    const results: TrialResult[] = [];
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x', { rpm: 1 })], cases: cases(5), repeat: 1 });
    const run = runTrials(
      plan.trials,
      deps(new Map([['openai:x', timed(0)]]), results, {
        clock,
        stop: stop.signal,
        onResult: (r) => {
          results.push(r);
          stop.abort();
        },
      }),
    );
    // The clock never moves: only the abort can end the other four waits.
    await expect(run).resolves.toEqual({ finished: 1, interrupted: true });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('on cancel ends the waits too, recording nothing cut short', async () => {
    const clock = fakeClock();
    const cancel = new AbortController();
    const results: TrialResult[] = [];
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x', { rpm: 1 })], cases: cases(5), repeat: 1 });
    const run = runTrials(plan.trials, deps(new Map([['openai:x', timed(0)]]), results, { clock, cancel: cancel.signal }));
    await until(() => results.length === 1, 'the first call');
    cancel.abort();
    await expect(run).resolves.toEqual({ finished: 1, interrupted: false });
  });

  it('a failed write ends the waits and is rethrown', async () => {
    const clock = fakeClock();
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x', { rpm: 1 })], cases: cases(5), repeat: 1 });
    const run = runTrials(
      plan.trials,
      deps(new Map([['openai:x', timed(0)]]), [], {
        clock,
        onResult: () => {
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        },
      }),
    );
    await expect(run).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('sets no timer at all when no target has a rate limit', async () => {
    const noTimers = { now: () => 0, setTimer: () => { throw new Error('a timer was set'); } };
    const results: TrialResult[] = [];
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x'), makeTarget('mock')], cases: cases(20), repeat: 1 });
    await runTrials(plan.trials, deps(new Map<string, Provider>([['openai:x', timed(0)], ['mock', timed(0)]]), results, { clock: noTimers }));
    expect(results).toHaveLength(40);
  });

  it('keeps the judge to its own rpm', async () => {
    const clock = fakeClock();
    const results: TrialResult[] = [];
    const judgedAt: number[] = [];
    const judge: Provider = {
      simulated: false,
      complete: async () => {
        judgedAt.push(clock.now());
        return { text: verdictText('answer', 2), usage: { inputTokens: 1, outputTokens: 1 } };
      },
    };
    const judgeRubric = RubricSchema.parse({ criteria: [{ name: 'schema' }, { name: 'type' }, { name: 'judge', rubric: 'concrete' }] });
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x')], cases: cases(3), repeat: 1 });
    const run = runTrials(
      plan.trials,
      deps(new Map([['openai:x', timed(0)]]), results, {
        clock,
        rubric: judgeRubric,
        judge: makeJudge(judge, makeTarget('openai:judge', { rpm: 30 }), { limit: 4 }),
      }),
    );
    for (let i = 0; i < 10 && results.length < 3; i++) {
      await tick();
      await clock.advance(1000);
    }
    await run;
    expect(judgedAt).toEqual([0, 2000, 4000]);
  });
});
