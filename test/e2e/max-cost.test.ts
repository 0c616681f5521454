import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { fakeEnv, makeProject, readResults, readSummary, removeProject, runCli } from './e2e-support.ts';

const CASES = 12;
let server: FakeServer;
let root: string;

beforeEach(async () => {
  server = await startFakeServer();
  root = makeProject({
    'subtodo-eval.yaml': ['prompts: prompts/*.yaml', 'cases: cases/*.yaml', 'concurrency: 2', ''].join('\n'),
    // maxTokens 100: a call's worst case is about twice what it really costs here.
    'prompts/p.yaml': ['id: p', 'system: 하위 투두로 나누세요.', 'params: { maxTokens: 100 }', ''].join('\n'),
    'cases/a.yaml': `${Array.from({ length: CASES }, (_, i) => `- { id: c${i}, input: "할 일 ${i} 하기", expect: { type: answer } }`).join('\n')}\n`,
  });
});

afterEach(async () => {
  await server.close();
  removeProject(root);
});

const RUN = ['run', '--targets', 'openai:gpt-4.1-mini', '--no-cache', '--out', 'run'];

describe('--max-cost', () => {
  it('stops before a call that could go over the budget, exits 3, and --resume --max-cost completes the run', async () => {
    const budget = 0.0005;
    const first = await runCli([...RUN, '--max-cost', String(budget), '--quiet'], { cwd: root, env: fakeEnv(server) });
    expect(first.code).toBe(3);
    const kept = readResults(join(root, 'run'));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(CASES);
    const spent = kept.reduce((sum, r) => sum + (r.costUsd ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(budget);
    expect(server.requests).toHaveLength(kept.length); // no call was made and dropped
    expect(readSummary(join(root, 'run')).complete).toBe(false);
    expect(first.stderr).toMatch(new RegExp(`Stopped at the budget: spent \\$0\\.\\d{4} of --max-cost \\$0\\.0005 \\(the next call could cost up to \\$0\\.\\d{4}\\); ${kept.length} of ${CASES} calls done\\.`));
    expect(first.stderr).toContain('Continue with: subtodo-eval run --resume run --max-cost <usd>');

    const second = await runCli(['run', '--resume', 'run', '--no-cache', '--max-cost', '1', '--quiet'], { cwd: root, env: fakeEnv(server) });
    expect(second.code).toBe(0);
    const all = readResults(join(root, 'run'));
    expect(new Set(all.map((r) => r.trialId)).size).toBe(CASES);
    expect(all).toHaveLength(CASES);
    expect(server.requests).toHaveLength(CASES);
    expect(readSummary(join(root, 'run')).complete).toBe(true);
  });

  it('takes the budget from the config too, and a budget too small for one call makes none', async () => {
    const config = join(root, 'subtodo-eval.yaml');
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(config, `${readFileSync(config, 'utf8')}maxCost: 0.00001\n`);
    const r = await runCli([...RUN, '--quiet'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(3);
    expect(server.requests).toHaveLength(0);
    expect(readResults(join(root, 'run'))).toHaveLength(0);
    expect(r.stderr).toMatch(/spent \$0 of --max-cost <\$0\.0001 .*; 0 of 12 calls done/);
  });

  it('refuses a target with no known price, before any call', async () => {
    const r = await runCli(['run', '--targets', 'openai:fake-model', '--max-cost', '1', '--out', 'run'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('--max-cost needs a price for every target: openai:fake-model has none (not in the built-in table); set price: { inputPerMTok, outputPerMTok } on it in the config');
    expect(server.requests).toHaveLength(0);
  });
});
