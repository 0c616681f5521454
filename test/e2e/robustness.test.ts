import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, type FakeReply, type FakeServer, type Responder } from '../fake-server/fake-server.ts';
import { CONFIG, makeProject, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

function makeCases(n: number): string {
  return `${Array.from({ length: n }, (_, i) => `- { id: c${i}, input: "할 일 c${i} 하기", expect: { type: answer } }`).join('\n')}\n`;
}

/** One of each fault a retrying client must survive; `hang` has its own test (it needs a timeout). */
const FAULTS: FakeReply[] = [
  { fault: 'status', status: 429, retryAfter: '0', retryAfterMs: 1 },
  { fault: 'status', status: 500, retryAfterMs: 1 },
  { fault: 'status', status: 503, retryAfterMs: 1 },
  { fault: 'status', status: 529, retryAfterMs: 1 },
  { fault: 'reset' },
  { fault: 'truncate' },
  { fault: 'badjson' },
];

let server: FakeServer;
let root: string;

async function start(responder: Responder, config: string, cases: number): Promise<Record<string, string>> {
  server = await startFakeServer({ responder });
  root = makeProject({ 'subtodo-eval.yaml': config, ...VARIANTS, 'cases/a.yaml': makeCases(cases) });
  return { OPENAI_API_KEY: 'sk-test-robust-000000', OPENAI_BASE_URL: server.openaiBaseURL, ANTHROPIC_API_KEY: 'sk-test-robust-000000', ANTHROPIC_BASE_URL: server.anthropicBaseURL };
}

afterEach(async () => {
  await server.close();
  removeProject(root);
});

describe('a flaky server', () => {
  it('every HTTP and connection fault on a first attempt is retried through to an answer, on both SDKs', async () => {
    // Case cN meets FAULTS[N] on its first attempt only, so a client that retries always gets through.
    const faultFirst: Responder = (req) => {
      const index = Number(/c(\d+) /.exec(req.lastUserText)?.[1]);
      const fault = FAULTS[index];
      return req.attempt === 1 && fault !== undefined ? fault : defaultResponder(req);
    };
    const env = await start(faultFirst, CONFIG, FAULTS.length);
    const r = await runCli(['run', '--targets', 'openai:fake-model,anthropic:fake-claude', '--variants', 'plain', '--quiet', '--out', 'run'], { cwd: root, env });
    expect(r.code).toBe(0);
    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(2 * FAULTS.length);
    for (const x of results) expect([x.target, x.caseId, x.outcome, x.attempts]).toEqual([x.target, x.caseId, 'answer', 2]);
    expect(server.requests).toHaveLength(4 * FAULTS.length);
  });

  it('a hanging call times out per target and ends as a provider error, not a stuck run', async () => {
    const hang: Responder = (req) => (req.lastUserText.includes('c1 ') ? { fault: 'hang' } : defaultResponder(req));
    const config = `${CONFIG}targets:\n  - { provider: openai, model: fake-model, timeoutMs: 250, maxRetries: 1 }\n`;
    const env = await start(hang, config, 2);
    const r = await runCli(['run', '--quiet', '--variants', 'plain', '--out', 'run'], { cwd: root, env });
    expect(r.code).toBe(0);
    const byCase = Object.fromEntries(readResults(join(root, 'run')).map((x) => [x.caseId, x]));
    // A slow first call on a busy machine may need its retry too; only the hanging one must fail.
    expect(byCase['c0']).toMatchObject({ outcome: 'answer' });
    expect(byCase['c1']).toMatchObject({ outcome: 'provider_error', attempts: 2 });
    expect(byCase['c1']?.error?.message).toMatch(/timed out/i);
    expect(byCase['c1']?.error?.status).toBeUndefined();
  });
});

describe('an interrupted run', () => {
  it('cancelled (second Ctrl-C or SIGTERM): exits 130, keeps finished results whole, marks the summary incomplete', async () => {
    const stop = new AbortController();
    const cancel = new AbortController();
    // The first two cases answer at once; the first slow call pulls the plug.
    const slowAfterTwo: Responder = (req) => {
      if (/c[01] /.test(req.lastUserText)) return defaultResponder(req);
      setTimeout(() => {
        stop.abort();
        cancel.abort();
      }, 100);
      return { ...defaultResponder(req), latencyMs: 15_000 };
    };
    const env = await start(slowAfterTwo, CONFIG, 6);
    const started = Date.now();
    const r = await runCli(['run', '--targets', 'openai:fake-model', '--concurrency', '2', '--quiet', '--out', 'run'], { cwd: root, env, stop: stop.signal, cancel: cancel.signal });
    expect(r.code).toBe(130);
    expect(Date.now() - started).toBeLessThan(5_000); // calls in flight were cancelled, not waited out
    const results = readResults(join(root, 'run'));
    expect(results.map((x) => x.caseId).sort()).toEqual(['c0', 'c0', 'c1', 'c1']);
    expect(results.every((x) => x.outcome === 'answer')).toBe(true);
    expect(readSummary(join(root, 'run'))).toMatchObject({ complete: false });

    // `report` on the same folder agrees that it is incomplete.
    const rebuilt = await runCli(['report', 'run'], { cwd: root, env: {} });
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/incomplete/i);
    expect(readSummary(join(root, 'run'))).toMatchObject({ complete: false });
  });

  it('stopped (first Ctrl-C): starts no new call, but waits for calls in flight and keeps them', async () => {
    const stop = new AbortController();
    // Every call takes 300 ms; the stop comes while the first two are in flight.
    const slow: Responder = (req) => {
      setTimeout(() => stop.abort(), 50);
      return { ...defaultResponder(req), latencyMs: 300 };
    };
    const env = await start(slow, CONFIG, 6);
    const r = await runCli(['run', '--targets', 'openai:fake-model', '--concurrency', '2', '--quiet', '--out', 'run'], { cwd: root, env, stop: stop.signal });
    expect(r.code).toBe(130);
    const results = readResults(join(root, 'run'));
    expect(results.length).toBeGreaterThanOrEqual(1); // the calls in flight finished and were kept
    expect(results.length).toBeLessThan(12);
    expect(results.every((x) => x.outcome === 'answer')).toBe(true);
    expect(readSummary(join(root, 'run'))).toMatchObject({ complete: false });
  });
});
