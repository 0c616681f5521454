import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, withFaults, type FakeServer, type FaultKind, type FaultOptions } from '../fake-server/fake-server.ts';
import { pickFault } from '../fake-server/with-faults.ts';
import { makeProject, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CASE_COUNT = 100;
const PLANNED = CASE_COUNT * 2; // two variants, one target
const cases = `${Array.from({ length: CASE_COUNT }, (_, i) => `- { id: c${i}, input: "할 일 c${i} 하기", expect: { type: answer } }`).join('\n')}\n`;
// 429s carry a real `Retry-After: 1` (seconds); the other faults leave the wait to our backoff.
const FAULTS: FaultOptions = { rate: 0.2, seed: 20261122, retryAfterSeconds: 1 };

let server: FakeServer;
let root: string;
afterEach(async () => {
  await server.close();
  removeProject(root);
});

describe.each(['openai', 'anthropic'])('%s SDK with one request in five faulted', (provider) => {
  it('every call is accounted for exactly once, none lost to a retryable fault, and the retries show', async () => {
    server = await startFakeServer({ responder: withFaults(defaultResponder, FAULTS) });
    // A short timeout turns a hung connection into a retry instead of a minute's wait.
    const config = `prompts: prompts/*.yaml\ncases: cases/*.yaml\nconcurrency: 16\ntargets:\n  - { provider: ${provider}, model: fake-model, timeoutMs: 500, maxRetries: 3 }\n`;
    root = makeProject({ 'subtodo-eval.yaml': config, ...VARIANTS, 'cases/a.yaml': cases });
    const key = 'sk-test-faults-000000';
    const env = provider === 'openai' ? { OPENAI_API_KEY: key, OPENAI_BASE_URL: server.openaiBaseURL } : { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.anthropicBaseURL };
    const r = await runCli(['run', '--quiet', '--no-cache', '--out', 'run'], { cwd: root, env });
    expect(r.code).toBe(0);

    // The faults really happened, every kind of them, at about the rate asked.
    const firsts = server.requests.filter((q) => q.attempt === 1);
    expect(firsts).toHaveLength(PLANNED);
    const injected = firsts.map((q) => pickFault(q, FAULTS)).filter((k): k is FaultKind => k !== null);
    expect(injected.length).toBeGreaterThan(PLANNED * 0.1);
    expect(injected.length).toBeLessThan(PLANNED * 0.3);
    expect(new Set(injected)).toEqual(new Set(['429', '500', '503', '529', 'reset', 'hang', 'truncate']));

    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(PLANNED);
    expect(new Set(results.map((x) => x.trialId)).size).toBe(PLANNED);
    expect(results.filter((x) => x.outcome === 'provider_error')).toEqual([]);
    // Each faulted first attempt took exactly one retry, and results.jsonl says so.
    expect(results.filter((x) => x.attempts === 2)).toHaveLength(injected.length);
    expect(results.filter((x) => x.attempts > 2)).toEqual([]);
    expect(server.requests).toHaveLength(PLANNED + injected.length);
    const summary = readSummary(join(root, 'run'));
    expect(summary.complete).toBe(true);
    expect(summary.cells.reduce((n, c) => n + c.calls, 0)).toBe(PLANNED);
  });
});
