import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RubricSchema } from '../../src/config/rubric-schema.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { checkOfflinePlan, createResponseCache, OfflineMissError, type ResponseCache } from '../../src/run/cache/index.ts';
import type { Completion, CompletionRequest, Provider } from '../../src/run/providers/provider.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import type { JudgeSetup } from '../../src/run/run-trial.ts';
import { runTrials, type RunDeps } from '../../src/run/run-trials.ts';
import { makeCase, makeTarget, makeVariant } from '../support/fixtures.ts';
import { makeJudge, verdictText } from '../support/judge-fixtures.ts';

const ANSWER = '{"type":"answer","items":["자료 모으기","초안 쓰기","검토하기"]}';

/** A provider that counts its calls; `reply` may throw to fail a call. */
function counting(reply: (req: CompletionRequest, n: number) => string, simulated = false): Provider & { calls: CompletionRequest[] } {
  const p = {
    simulated,
    calls: [] as CompletionRequest[],
    async complete(req: CompletionRequest): Promise<Completion> {
      p.calls.push(req);
      return { text: reply(req, p.calls.length), usage: { inputTokens: 10, outputTokens: 5 } };
    },
  };
  return p;
}

let dir: string;
let warnings: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ste-cache-trial-'));
  warnings = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cacheOf = (offline = false): ResponseCache =>
  createResponseCache({ dir, shown: '.cache', offline, endpointOf: (t) => `https://example.test/${t.provider}`, warn: (l) => warnings.push(l) });

const rubric = RubricSchema.parse({});
const openai = makeTarget('openai:m', { maxRetries: 0 });
const cases = [makeCase('a', '보고서 쓰기'), makeCase('f', '형식 오류')];
const variants = [makeVariant('v1'), makeVariant('v2', { system: 'another system' })];
const replyFor = (req: CompletionRequest) => (req.messages.at(-1)?.content.includes('형식') ? 'just prose' : ANSWER);

async function run(provider: Provider, cache: ResponseCache | undefined, extra: Partial<RunDeps> & { repeat?: number } = {}): Promise<TrialResult[]> {
  const results: TrialResult[] = [];
  const plan = buildPlan({ variants, targets: [openai], cases, repeat: extra.repeat ?? 1 });
  try {
    await runTrials(plan.trials, {
      runId: 'r',
      providers: new Map([[openai.id, provider]]),
      rubric,
      concurrency: 4,
      retry: { sleep: async () => {}, random: () => 0, now: () => 0, redact: (t) => t },
      cache,
      onResult: (r) => void results.push(r),
      ...extra,
    });
  } finally {
    // As the run command does: the last batch of entries is committed when the cache closes.
    cache?.close();
  }
  return results.sort((x, y) => x.trialId.localeCompare(y.trialId));
}

const strip = (r: TrialResult) => ({ ...r, cached: undefined, attempts: undefined, latencyMs: undefined });

describe('runTrial with a response cache', () => {
  it('serves an unchanged re-run from the cache: no call, cached, attempts 0, same scores and usage', async () => {
    const first = counting(replyFor);
    const before = await run(first, cacheOf());
    expect(first.calls).toHaveLength(4);
    expect(before.every((r) => !r.cached && r.attempts === 1)).toBe(true);

    const second = counting(() => 'must not be called');
    const after = await run(second, cacheOf());
    expect(second.calls).toHaveLength(0);
    expect(after.every((r) => r.cached && r.attempts === 0)).toBe(true);
    expect(after.map(strip)).toEqual(before.map(strip));
    // A format error is the model's text: it is cached and replayed as such.
    expect(after.filter((r) => r.outcome === 'format_error')).toHaveLength(2);
    expect(warnings).toEqual([]);
  });

  it('without a cache (--no-cache) calls every time and writes nothing', async () => {
    const p = counting(replyFor);
    await run(p, undefined);
    await run(p, undefined);
    expect(p.calls).toHaveLength(8);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never caches a failed call', async () => {
    const failing = counting(() => {
      throw Object.assign(new Error('503 overloaded'), { status: 503 });
    });
    expect((await run(failing, cacheOf())).every((r) => r.outcome === 'provider_error')).toBe(true);
    const ok = counting(replyFor);
    const again = await run(ok, cacheOf());
    expect(ok.calls).toHaveLength(4);
    expect(again.every((r) => !r.cached)).toBe(true);
  });

  it('leaves a simulated model alone: it costs nothing, so nothing is stored', async () => {
    const sim = counting(replyFor, true);
    await run(sim, cacheOf());
    await run(sim, cacheOf());
    expect(sim.calls).toHaveLength(8);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stores each repeat as its own sample', async () => {
    const noisy = counting((_req, n) => `{"type":"answer","items":["샘플 ${n}","두 번째 할 일"]}`);
    const before = await run(noisy, cacheOf(), { repeat: 3 });
    expect(noisy.calls).toHaveLength(12);
    const after = await run(counting(() => 'unused'), cacheOf(), { repeat: 3 });
    expect(after.map((r) => r.raw)).toEqual(before.map((r) => r.raw));
    expect(new Set(after.map((r) => r.raw)).size).toBe(12);
  });

  it('keeps the latency of the original call', async () => {
    let clock = 0;
    const slow = counting(replyFor);
    const retry = { sleep: async () => {}, random: () => 0, now: () => (clock += 250), redact: (t: string) => t };
    const before = await run(slow, cacheOf(), { retry });
    const after = await run(counting(() => 'unused'), cacheOf(), { retry });
    expect(before.every((r) => r.latencyMs > 0)).toBe(true);
    expect(after.map((r) => r.latencyMs)).toEqual(before.map((r) => r.latencyMs));
  });

  it('caches the judge call too, once per distinct reply', async () => {
    const judgeRubric = RubricSchema.parse({ criteria: [{ name: 'schema' }, { name: 'type' }, { name: 'judge', rubric: 'concrete steps' }] });
    const judgeProvider = counting(() => verdictText('answer', 2, { order: 1 }));
    const judge = makeJudge(judgeProvider, makeTarget('anthropic:judge'));
    // All at once: an identical judge call in flight is waited for, not paid twice.
    const before = await run(counting(replyFor), cacheOf(), { rubric: judgeRubric, judge, repeat: 2, concurrency: 8 });
    // Two variants × one answerable case × two repeats give one and the same reply: graded once.
    expect(judgeProvider.calls).toHaveLength(1);
    const after = await run(counting(() => 'unused'), cacheOf(), { rubric: judgeRubric, judge, repeat: 2 });
    expect(judgeProvider.calls).toHaveLength(1);
    expect(after.map((r) => r.scores['judge'])).toEqual(before.map((r) => r.scores['judge']));
  });
});

describe('offline', () => {
  const plan = () => buildPlan({ variants, targets: [openai], cases, repeat: 1 });
  const deps = (provider: Provider, cache: ResponseCache, judge?: JudgeSetup) => ({
    runId: 'offline-check',
    providers: new Map([[openai.id, provider]]),
    rubric: judge ? RubricSchema.parse({ criteria: [{ name: 'schema' }, { name: 'type' }, { name: 'judge', rubric: 'x' }] }) : rubric,
    retry: { sleep: async () => {}, random: () => 0, now: () => 0, redact: (t: string) => t },
    cache,
    judge,
  });

  it('names the first miss in plan order, with how many more, and makes no call', async () => {
    const p = counting(replyFor);
    const error = await checkOfflinePlan(plan().trials, deps(p, cacheOf(true))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfflineMissError);
    expect((error as OfflineMissError).code).toBe('OFFLINE_MISS');
    expect((error as Error).message).toBe('--offline: no cached reply for variant v1, target openai:m, case a in .cache (and 3 more); run once without --offline to fill the cache');
    expect(p.calls).toEqual([]);
  });

  it('passes when every call is cached, and writes nothing new', async () => {
    await run(counting(replyFor), cacheOf());
    const files = readdirSync(dir, { recursive: true });
    const p = counting(replyFor);
    const checking = cacheOf(true);
    await expect(checkOfflinePlan(plan().trials, deps(p, checking))).resolves.toBeUndefined();
    checking.close();
    const results = await run(p, cacheOf(true));
    expect(results.every((r) => r.cached)).toBe(true);
    expect(p.calls).toEqual([]);
    expect(readdirSync(dir, { recursive: true })).toEqual(files);
  });

  it('finds a judge miss up front, from the cached reply', async () => {
    await run(counting(replyFor), cacheOf());
    const judgeProvider = counting(() => verdictText('answer', 2));
    const judge = makeJudge(judgeProvider, makeTarget('anthropic:judge'), { limit: 1 });
    const error = await checkOfflinePlan(plan().trials, deps(counting(replyFor), cacheOf(true), judge)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^--offline: no cached judge verdict for variant v1, target openai:m, case a in \.cache \(and 1 more\)/);
    expect(judgeProvider.calls).toEqual([]);
  });

  it('a miss during the run is a user error too, never a provider_error result', async () => {
    await expect(run(counting(replyFor), cacheOf(true))).rejects.toBeInstanceOf(OfflineMissError);
  });
});
