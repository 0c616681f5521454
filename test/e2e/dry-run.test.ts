import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DryRunReport } from '../../src/cost/plan-estimate.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, makeProject, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TARGETS = 'openai:gpt-4.1-mini,anthropic:claude-haiku-4-5';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

const runFolders = () => (existsSync(join(REPO, 'reports')) ? readdirSync(join(REPO, 'reports')).length : 0);

describe('run --dry-run on the shipped corpus', () => {
  it('prints calls, tokens and cost per target, and makes no request', async () => {
    const folders = runFolders();
    const missingCache = join(REPO, '.scratch', 'dry-run-cache-that-does-not-exist');
    const r = await runCli(['run', '--dry-run', '--targets', TARGETS, '--cache-dir', missingCache], { cwd: REPO, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(runFolders()).toBe(folders);
    expect(existsSync(missingCache)).toBe(false);
    const rows = r.stdout.split('\n');
    expect(rows[0]).toMatch(/^Dry run: no call made\. [\d,]+ calls planned; [\d,]+ to call \(live\)\.$/);
    expect(rows.find((l) => l.startsWith('openai:gpt-4.1-mini '))).toMatch(/^openai:gpt-4\.1-mini\s+[\d,]+\s+0\s+[\d,]+\s+[\d,]+\s+[\d,]+ \/ [\d,]+\s+\$\d+\.\d+ \(≤ \$\d+\.\d+\)\s+\$\d+\.\d+\s+~\d+ (s|min) \(concurrency\)$/);
    expect(rows.find((l) => l.startsWith('anthropic:claude-haiku-4-5 '))).toMatch(/\$\d+\.\d+ \(≤ \$\d+\.\d+\)/);
    expect(r.stdout).toMatch(/^Estimated cost: \$\d+\.\d+, at most \$\d+\.\d+/m);
    expect(r.stdout).toContain("openai:gpt-4.1-mini OpenAI's o200k_base tokenizer; anthropic:claude-haiku-4-5 estimated");
  });

  it('as --json: the same plan, priced live and as a batch', async () => {
    const r = await runCli(['run', '--dry-run', '--json', '--batch', '--targets', TARGETS, '--variants', 'seed-xml,five-principles'], { cwd: REPO, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    const report = JSON.parse(r.stdout) as DryRunReport;
    expect(report.mode).toBe('batch');
    const [openai, anthropic] = report.targets;
    expect(openai).toMatchObject({ target: 'openai:gpt-4.1-mini', tokenizer: 'o200k_base', priceSource: 'table', batchApi: 'unknown' });
    expect(anthropic).toMatchObject({ target: 'anthropic:claude-haiku-4-5', tokenizer: 'estimate', priceSource: 'table' });
    expect(openai!.calls + anthropic!.calls).toBe(report.plannedCalls);
    expect(report.cells.reduce((n, c) => n + c.calls, 0)).toBe(report.plannedCalls);
    for (const t of report.targets) {
      expect(t.inputTokens).toBeGreaterThan(t.toCall * 50);
      expect(t.costUsd!.batch).toBeCloseTo(t.costUsd!.live / 2, 12);
      expect(t.costUsd!.liveMax).toBeGreaterThan(t.costUsd!.live);
    }
    expect(report.total.costUsd).toBeCloseTo(openai!.costUsd!.batch + anthropic!.costUsd!.batch, 12);
  });
});

describe('run --dry-run after a run', () => {
  it('counts what the response cache already answers as free, and says an unknown price is unknown', async () => {
    const root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': '- { id: a, input: 이사 준비하기, expect: { type: answer } }\n- { id: b, input: 보고서 쓰기, expect: { type: answer } }\n' });
    try {
      expect((await runCli(['run', '--targets', 'openai:fake-model', '--quiet', '--variants', 'plain'], { cwd: root, env: fakeEnv(server) })).code).toBe(0);
      const made = server.requests.length;
      // No key needed; the base URL is part of the cache key, as it was for the run.
      const env = { OPENAI_BASE_URL: server.openaiBaseURL };
      const r = await runCli(['run', '--dry-run', '--json', '--targets', 'openai:fake-model'], { cwd: root, env });
      expect(server.requests).toHaveLength(made);
      const report = JSON.parse(r.stdout) as DryRunReport;
      expect(report.cells).toEqual([
        { variant: 'json-shots', target: 'openai:fake-model', calls: 2, cached: 0, toCall: 2 },
        { variant: 'plain', target: 'openai:fake-model', calls: 2, cached: 2, toCall: 0 },
      ]);
      expect(report.targets[0]?.costUsd).toBeNull();
      expect(report.total.unpricedTargets).toEqual(['openai:fake-model']);
      const text = await runCli(['run', '--dry-run', '--targets', 'openai:fake-model'], { cwd: root, env });
      expect(text.stdout).toMatch(/openai:fake-model\s+4\s+2\s+2 .* unknown price/);
      expect(text.stdout).toContain('Unknown price for openai:fake-model: not in the built-in table');
    } finally {
      removeProject(root);
    }
  });
});
