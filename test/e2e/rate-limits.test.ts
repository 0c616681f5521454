import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, withCapacity, withLatency, withRateLimit, type FakeApi, type FakeServer, type Responder } from '../fake-server/fake-server.ts';
import { fakeEnv, makeProject, readResults, removeProject, runCli, VARIANTS } from './e2e-support.ts';

function makeCases(n: number): string {
  return `${Array.from({ length: n }, (_, i) => `- { id: c${i}, input: "할 일 c${i} 하기", expect: { type: answer } }`).join('\n')}\n`;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves for everyone once `size` callers are waiting: a wave of requests answered together. */
function barrier(size: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => {};
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === size) release();
    return all;
  };
}

interface Arrival {
  api: FakeApi;
  /** Requests of this API in progress at the server when this one arrived, itself included. */
  inFlight: number;
  at: number;
  throttled: boolean;
}

/** Wraps a responder to log every arrival with the requests of its API then in progress. */
function observe(reply: (req: Parameters<Responder>[0], n: number) => Promise<ReturnType<Responder>>): { responder: Responder; arrivals: Arrival[] } {
  const arrivals: Arrival[] = [];
  const inFlight: Record<FakeApi, number> = { openai: 0, anthropic: 0 };
  const count: Record<FakeApi, number> = { openai: 0, anthropic: 0 };
  const responder: Responder = async (req) => {
    const arrival: Arrival = { api: req.api, inFlight: ++inFlight[req.api], at: Date.now(), throttled: false };
    arrivals.push(arrival);
    try {
      const out = await reply(req, ++count[req.api]);
      arrival.throttled = 'fault' in out && out.fault === 'status' && out.status === 429;
      return out;
    } finally {
      inFlight[req.api]--;
    }
  };
  return { responder, arrivals };
}

let server: FakeServer | undefined;
let root: string | undefined;

afterEach(async () => {
  await server?.close();
  if (root) removeProject(root);
  server = undefined;
  root = undefined;
});

async function start(responder: Responder, targets: string, cases: number): Promise<Record<string, string>> {
  server = await startFakeServer({ responder });
  const config = ['prompts: prompts/*.yaml', 'cases: cases/*.yaml', 'concurrency: 16', 'targets:', targets, ''].join('\n');
  root = makeProject({ 'subtodo-eval.yaml': config, ...VARIANTS, 'cases/a.yaml': makeCases(cases) });
  return fakeEnv(server);
}

describe('rate limits through the real SDKs', () => {
  it('a burst of 429s lowers the throttled target’s calls in flight, the other keeps its speed, and every call is counted once', async () => {
    // The first twelve OpenAI requests are throttled: the whole first wave of eight, then the four retries sent after it.
    // Each wave is answered at once, when its last request has arrived, so no timing decides what the client sees.
    const firstWave = barrier(8);
    const retryWave = barrier(4);
    const { responder, arrivals } = observe(async (req, n) => {
      if (req.api === 'openai' && n <= 12) {
        await (n <= 8 ? firstWave() : retryWave());
        return { fault: 'status', status: 429, retryAfter: '0', retryAfterMs: 10 };
      }
      // The other target's replies take long enough that its eight overlap, even on a loaded machine.
      await delay(req.api === 'anthropic' ? 100 : 15);
      return defaultResponder(req);
    });
    const targets = ['  - { provider: openai, model: fake-model, concurrency: 8, maxRetries: 4 }', '  - { provider: anthropic, model: fake-claude, concurrency: 8 }'].join('\n');
    const env = await start(responder, targets, 40);
    const r = await runCli(['run', '--variants', 'plain', '--quiet', '--out', 'run'], { cwd: root!, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const openai = arrivals.filter((a) => a.api === 'openai');
    const anthropic = arrivals.filter((a) => a.api === 'anthropic');
    expect(openai.map((a) => a.throttled).lastIndexOf(true)).toBe(11);
    expect(Math.max(...openai.slice(0, 8).map((a) => a.inFlight))).toBe(8);
    // Half the first wave refused makes it a burst: no call was out long enough to show what the
    // server serves, so the limit halves to four, and stays there for a round before climbing back.
    expect(Math.max(...openai.slice(8, 16).map((a) => a.inFlight))).toBeLessThanOrEqual(4);
    expect(Math.max(...anthropic.map((a) => a.inFlight))).toBe(8);

    const results = readResults(join(root!, 'run'));
    expect(results).toHaveLength(80);
    expect(new Set(results.map((x) => x.trialId)).size).toBe(80);
    expect(results.filter((x) => x.outcome !== 'answer')).toEqual([]);
    const attempts = (target: string) => results.filter((x) => x.target === target).reduce((n, x) => n + x.attempts, 0);
    expect(attempts('openai:fake-model')).toBe(openai.length);
    expect(attempts('openai:fake-model') - 40).toBe(12);
    expect(attempts('anthropic:fake-claude')).toBe(40);
  });

  it('rpm spaces a target’s requests at the server; a tpm is accepted alongside', async () => {
    const { responder, arrivals } = observe(async (req) => defaultResponder(req));
    const env = await start(responder, '  - { provider: openai, model: fake-model, rpm: 600, tpm: 1000000 }', 5);
    const r = await runCli(['run', '--variants', 'plain', '--quiet', '--out', 'run'], { cwd: root!, env });
    expect(r.code).toBe(0);
    const results = readResults(join(root!, 'run'));
    expect(results).toHaveLength(5);
    // The last call waited ~400 ms for its turn; its latency is the request's own, not that wait.
    expect(Math.max(...results.map((x) => x.latencyMs))).toBeLessThan(300);
    const gaps = arrivals.slice(1).map((a, i) => a.at - arrivals[i]!.at);
    // 600 a minute: one every 100 ms as sent; the trip to the server adds some jitter to each gap, not to their sum.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(75);
    expect(arrivals.at(-1)!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(380);
  });

  it.each(['openai', 'anthropic'] as const)('%s: paces from the rate-limit headers, so after the first wave the budget is not overrun', async (api) => {
    // Five requests in the budget, one more every 40 ms, reported on every reply.
    const { responder, arrivals } = observe(async (req) => defaultResponder(req));
    const env = await start(withRateLimit(responder, { limit: 5, windowMs: 200 }), `  - { provider: ${api}, model: fake-model, concurrency: 8 }`, 30);
    const r = await runCli(['run', '--variants', 'plain', '--quiet', '--out', 'run'], { cwd: root!, env });
    expect(r.code).toBe(0);
    const results = readResults(join(root!, 'run'));
    expect(results.filter((x) => x.outcome !== 'answer')).toEqual([]);
    // The first wave of eight goes out before any reply has said anything: about three are
    // refused (fewer if the wave took long enough for the budget to refill). From then on the
    // client knows the budget: at most a stray refusal where timers disagree. (Unpaced, this run
    // meets some two hundred refusals.)
    const refused = server!.requests.length - 30;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(8);
    // The budget answers refusals itself: what reached the model is the thirty accepted.
    expect(arrivals).toHaveLength(30);
  });

  it('a server that takes four at once: the target comes down from sixteen to what it serves, and nothing is lost', async () => {
    const env = await start(withCapacity(withLatency(defaultResponder, 100), { capacity: 4 }), '  - { provider: openai, model: fake-model, concurrency: 16 }', 60);
    const r = await runCli(['run', '--variants', 'plain', '--out', 'run'], { cwd: root!, env: { ...env, CI: '1' } });
    expect(r.code).toBe(0);
    const results = readResults(join(root!, 'run'));
    expect(results.filter((x) => x.outcome !== 'answer')).toEqual([]);
    const line = /openai:fake-model: \d+ throttled replies \(429\); calls in flight went from 16 down to (\d+) \((\d+) at the end\)/.exec(r.stderr);
    expect(line, r.stderr).not.toBeNull();
    // Lowered to the calls the server was serving (4, or a few more on a loaded machine), not halved step by step to 1.
    expect(Number(line![1])).toBeGreaterThanOrEqual(2);
    expect(Number(line![1])).toBeLessThanOrEqual(8);
    expect(Number(line![2])).toBeLessThan(16);
  });
});
