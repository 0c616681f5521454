import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, withFaults, type FakeServer, type FaultKind, type FaultOptions } from '../fake-server/fake-server.ts';
import { pickFault } from '../fake-server/with-faults.ts';
import { makeProject, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CASE_COUNT = 100;
const PLANNED = CASE_COUNT * 2; // two variants, one target
const cases = `${Array.from({ length: CASE_COUNT }, (_, i) => `- { id: c${i}, input: "할 일 c${i} 하기", expect: { type: answer } }`).join('\n')}\n`;
// One request in five is faulted — retries too, so a call can meet several in a row. 429s carry
// a real `Retry-After: 1` (seconds); the other faults leave the wait to our backoff.
const KINDS: FaultKind[] = ['429', '500', '503', '529', 'reset'];
const FAULTS: FaultOptions = { rate: 0.2, seed: 20261122, retryAfterSeconds: 1, kinds: KINDS, firstAttemptOnly: false };

let server: FakeServer;
let root: string;
afterEach(async () => {
  await server.close();
  removeProject(root);
});

describe.each(['openai', 'anthropic'])('%s SDK with one request in five faulted, retries included, at default settings', (provider) => {
  it('every call is accounted for exactly once and none ends as a provider_error', async () => {
    server = await startFakeServer({ responder: withFaults(defaultResponder, FAULTS) });
    // No retry or timeout settings: the defaults must carry a run through this.
    const config = `prompts: prompts/*.yaml\ncases: cases/*.yaml\nconcurrency: 16\ntargets:\n  - { provider: ${provider}, model: fake-model }\n`;
    root = makeProject({ 'subtodo-eval.yaml': config, ...VARIANTS, 'cases/a.yaml': cases });
    const key = 'sk-test-faults-000000';
    const env = provider === 'openai' ? { OPENAI_API_KEY: key, OPENAI_BASE_URL: server.openaiBaseURL } : { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.anthropicBaseURL };
    const r = await runCli(['run', '--quiet', '--no-cache', '--out', 'run'], { cwd: root, env });
    expect(r.code).toBe(0);

    // The faults really happened, every kind of them, at about the rate asked, on retries too.
    const injected = server.requests.map((q) => pickFault(q, FAULTS)).filter((k): k is FaultKind => k !== null);
    expect(injected.length).toBeGreaterThan(server.requests.length * 0.12);
    expect(injected.length).toBeLessThan(server.requests.length * 0.28);
    expect(new Set(injected)).toEqual(new Set(KINDS));
    expect(server.requests.filter((q) => q.attempt >= 3).length).toBeGreaterThan(0);

    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(PLANNED);
    expect(new Set(results.map((x) => x.trialId)).size).toBe(PLANNED);
    expect(results.filter((x) => x.outcome === 'provider_error')).toEqual([]);
    // Every request the server saw is an attempt some result counts, and every faulted one was retried.
    expect(results.reduce((n, x) => n + x.attempts, 0)).toBe(server.requests.length);
    expect(server.requests.length).toBe(PLANNED + injected.length);
    const summary = readSummary(join(root, 'run'));
    expect(summary.complete).toBe(true);
    expect(summary.cells.reduce((n, c) => n + c.calls, 0)).toBe(PLANNED);
  });
});
