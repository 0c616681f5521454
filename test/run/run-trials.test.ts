import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.ts';
import type { Completion, CompletionRequest, Provider } from '../../src/run/providers/provider.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { runTrials } from '../../src/run/run-trials.ts';
import { RubricSchema } from '../../src/config/rubric-schema.ts';
import { makeCase, makeTarget, makeVariant } from '../support/fixtures.ts';
import { makeJudge, verdictText } from '../support/judge-fixtures.ts';
import { deps } from './run-deps.ts';


function scripted(reply: (req: CompletionRequest) => string | Error, simulated = false): Provider & { seen: CompletionRequest[]; maxInFlight: number } {
  let inFlight = 0;
  const p = {
    simulated,
    seen: [] as CompletionRequest[],
    maxInFlight: 0,
    async complete(req: CompletionRequest): Promise<Completion> {
      p.seen.push(req);
      inFlight++;
      p.maxInFlight = Math.max(p.maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      const out = reply(req);
      if (out instanceof Error) throw out;
      return { text: out, usage: { inputTokens: 10, outputTokens: 5 } };
    },
  };
  return p;
}


describe('runTrials', () => {
  const cases = [
    makeCase('a', '보고서 쓰기', 'answer'),
    makeCase('q', '여행', 'question'),
    makeCase('i', '파이썬 스크립트 짜줘', 'invalid'),
    makeCase('f', '형식 오류', 'answer'),
  ];
  const replyFor = (req: CompletionRequest) => {
    const last = req.messages.at(-1)?.content ?? '';
    if (last.includes('보고서')) return '{"type":"answer","items":["자료 모으기","초안 쓰기","검토하기"]}';
    if (last.includes('여행')) return '{"type":"question","items":["어디로 가나요?"]}';
    if (last.includes('파이썬')) return '{"type":"invalid","message":"적합한 투두 형식이 아닙니다."}';
    return 'just prose, no structure';
  };

  it('turns every trial into exactly one scored result, calls and failures alike', async () => {
    const results: TrialResult[] = [];
    const failing = Object.assign(new Error('503 overloaded'), { status: 503 });
    const providers = new Map<string, Provider>([
      ['mock', scripted(replyFor)],
      ['openai:x', scripted(() => failing)],
    ]);
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('mock'), makeTarget('openai:x', { maxRetries: 1 })], cases, repeat: 1 });
    const out = await runTrials(plan.trials, deps(providers, results));
    expect(out).toEqual({ finished: 8, interrupted: false });
    const byKey = new Map(results.map((r) => [`${r.caseId}@${r.target}`, r]));
    expect(byKey.get('a@mock')).toMatchObject({ outcome: 'answer', pass: true, attempts: 1, usage: { inputTokens: 10, outputTokens: 5 }, input: '보고서 쓰기' });
    expect(byKey.get('q@mock')?.outcome).toBe('question');
    expect(byKey.get('i@mock')?.outcome).toBe('invalid');
    expect(byKey.get('f@mock')).toMatchObject({ outcome: 'format_error', score: 0, pass: false, reply: null });
    expect(byKey.get('a@openai:x')).toMatchObject({ outcome: 'provider_error', score: null, pass: null, attempts: 2, error: { status: 503 } });
    expect(new Set(results.map((r) => r.trialId)).size).toBe(8);
  });

  it('keeps within the global and per-target concurrency limits', async () => {
    const results: TrialResult[] = [];
    const fast = scripted(replyFor);
    const slow = scripted(replyFor);
    const many = Array.from({ length: 30 }, (_, i) => makeCase(`c${i}`, `보고서 ${i}`));
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('mock'), makeTarget('openai:x', { concurrency: 2 })], cases: many, repeat: 1 });
    await runTrials(plan.trials, deps(new Map<string, Provider>([['mock', fast], ['openai:x', slow]]), results, { concurrency: 5 }));
    expect(results).toHaveLength(60);
    expect(slow.maxInFlight).toBeLessThanOrEqual(2);
    expect(fast.maxInFlight + slow.maxInFlight).toBeLessThanOrEqual(5 + 2);
    expect(fast.maxInFlight).toBeLessThanOrEqual(5);
  });

  it('on stop starts no new call, but lets calls in flight finish and records them', async () => {
    const results: TrialResult[] = [];
    const controller = new AbortController();
    const many = Array.from({ length: 50 }, (_, i) => makeCase(`c${i}`, `보고서 ${i}`));
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('mock')], cases: many, repeat: 1 });
    const out = await runTrials(
      plan.trials,
      deps(new Map<string, Provider>([['mock', scripted(replyFor)]]), results, {
        stop: controller.signal,
        onResult: (r) => {
          results.push(r);
          if (results.length === 5) controller.abort();
        },
      }),
    );
    expect(out.interrupted).toBe(true);
    expect(results.length).toBeGreaterThanOrEqual(5);
    expect(results.length).toBeLessThan(50);
    expect(results.every((r) => r.outcome === 'answer')).toBe(true);
  });

  it('sends the rendered prompt and merges variant params under target params', async () => {
    const results: TrialResult[] = [];
    const p = scripted(replyFor);
    const variant = makeVariant('v', { params: { temperature: 0.7, maxTokens: 300 } });
    const plan = buildPlan({ variants: [variant], targets: [makeTarget('mock', { params: { temperature: 0 } })], cases: [cases[0]!], repeat: 1 });
    await runTrials(plan.trials, deps(new Map<string, Provider>([['mock', p]]), results));
    expect(p.seen[0]).toMatchObject({ system: 'system of v', params: { temperature: 0, maxTokens: 300 }, input: '보고서 쓰기' });
    expect(p.seen[0]?.messages.at(-1)?.content).toContain('보고서 쓰기');
  });

  it('costs a call by the target price, and a simulated one as free', async () => {
    const results: TrialResult[] = [];
    const plan = buildPlan({
      variants: [makeVariant('v')],
      targets: [makeTarget('openai:x', { price: { inputPerMTok: 1, outputPerMTok: 2 } }), makeTarget('mock')],
      cases: [cases[0]!],
      repeat: 1,
    });
    await runTrials(plan.trials, deps(new Map<string, Provider>([['openai:x', scripted(replyFor)], ['mock', scripted(replyFor, true)]]), results));
    expect(results.find((r) => r.target === 'openai:x')?.costUsd).toBeCloseTo((10 * 1 + 5 * 2) / 1e6, 12);
    expect(results.find((r) => r.target === 'mock')).toMatchObject({ costUsd: 0, simulated: true });
  });

  it('on cancel aborts calls in flight and records none of them', async () => {
    const results: TrialResult[] = [];
    const cancel = new AbortController();
    const stop = new AbortController();
    const hanging: Provider = {
      simulated: false,
      complete: (req) =>
        new Promise((_resolve, reject) => {
          req.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'APIUserAbortError' })));
        }),
    };
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x')], cases, repeat: 1 });
    setTimeout(() => {
      stop.abort();
      cancel.abort();
    }, 20);
    const out = await runTrials(plan.trials, deps(new Map([['openai:x', hanging]]), results, { stop: stop.signal, cancel: cancel.signal }));
    expect(out).toEqual({ finished: 0, interrupted: true });
    expect(results).toEqual([]);
  });

  it('feeds each target from its own queue: a slow target does not hold back a fast one', async () => {
    const results: TrialResult[] = [];
    const finishedAt = new Map<string, number>();
    const t0 = Date.now();
    const timed = (ms: number): Provider => ({
      simulated: false,
      complete: async () => {
        await new Promise((r) => setTimeout(r, ms));
        return { text: '{"type":"answer","items":["a","b"]}', usage: { inputTokens: 1, outputTokens: 1 } };
      },
    });
    const many = Array.from({ length: 20 }, (_, i) => makeCase(`c${i}`, `보고서 ${i}`));
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:slow', { concurrency: 1 }), makeTarget('mock')], cases: many, repeat: 1 });
    await runTrials(
      plan.trials,
      deps(new Map<string, Provider>([['openai:slow', timed(40)], ['mock', timed(1)]]), results, {
        concurrency: 4,
        onResult: (r) => {
          results.push(r);
          finishedAt.set(r.target, Date.now() - t0);
        },
      }),
    );
    expect(results).toHaveLength(40);
    // The fast target's 20 calls end long before the slow one's 20 × 40 ms.
    expect(finishedAt.get('mock')!).toBeLessThan(finishedAt.get('openai:slow')! / 2);
  });

  it('stops and rethrows when a result cannot be written, after calls in flight settle', async () => {
    const many = Array.from({ length: 30 }, (_, i) => makeCase(`c${i}`, `보고서 ${i}`));
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('mock')], cases: many, repeat: 1 });
    let writes = 0;
    const err = await runTrials(
      plan.trials,
      deps(new Map<string, Provider>([['mock', scripted(replyFor)]]), [], {
        onResult: () => {
          writes++;
          if (writes === 3) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        },
      }),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOSPC' });
    expect(writes).toBeLessThan(30);
  });

  it('asks the judge only when no gate failed, and counts its tokens and cost', async () => {
    const results: TrialResult[] = [];
    const judged: CompletionRequest[] = [];
    const judgeProvider: Provider = {
      simulated: false,
      complete: async (req) => {
        judged.push(req);
        return { text: verdictText('answer', 2, { actionable: 1, granularity: 0 }), usage: { inputTokens: 100, outputTokens: 20 } };
      },
    };
    const judgeRubric = RubricSchema.parse({ criteria: [{ name: 'schema' }, { name: 'type' }, { name: 'judge', rubric: 'concrete steps' }] });
    const plan = buildPlan({ variants: [makeVariant('v')], targets: [makeTarget('openai:x', { price: { inputPerMTok: 1, outputPerMTok: 1 } })], cases: [cases[0]!, cases[3]!], repeat: 1 });
    await runTrials(
      plan.trials,
      deps(new Map<string, Provider>([['openai:x', scripted(replyFor)]]), results, {
        rubric: judgeRubric,
        judge: makeJudge(judgeProvider, makeTarget('openai:judge', { price: { inputPerMTok: 10, outputPerMTok: 10 } }), { limit: 1 }),
      }),
    );
    expect(judged).toHaveLength(1); // the format_error case failed a gate: no judge call
    expect(judged[0]).toMatchObject({ purpose: 'judge', params: { temperature: 0 } });
    const answer = results.find((r) => r.caseId === 'a')!;
    // granularity at 0 is a fault that fails the reply: the judge's score is 0, and says why, lowest first.
    expect(answer.scores['judge']).toEqual({ score: 0, reason: 'fail 0.00 — granularity 0: granularity 근거; actionable 1: actionable 근거' });
    expect(answer.judge).toMatchObject({ verdict: 'fail', score: 0, samples: 1, failedSamples: 0, agreement: null });
    expect(answer.judge?.dimensions['actionable']).toEqual({ level: 1, reason: 'actionable 근거' });
    expect(answer.judgeUsage).toEqual({ inputTokens: 100, outputTokens: 20 });
    expect(answer.costUsd).toBeCloseTo((15 * 1 + 120 * 10) / 1e6, 12);
    expect(results.find((r) => r.caseId === 'f')).toMatchObject({ score: 0 });
  });
});
