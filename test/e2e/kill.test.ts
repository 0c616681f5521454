import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, countLines, makeProject, numberedCases, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const bin = fileURLToPath(new URL('../../bin/subtodo-eval.js', import.meta.url));
const CASE_COUNT = 60;
const cases = numberedCases(CASE_COUNT);

let server: FakeServer;
let root: string;

afterEach(async () => {
  await server.close();
  removeProject(root);
});


describe('a run killed with SIGKILL', () => {
  it('leaves only whole result lines, and --resume finishes it with no duplicate', async () => {
    server = await startFakeServer({ responder: (req) => ({ ...defaultResponder(req), latencyMs: 15 }) });
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': cases });
    const env = { ...process.env, OPENAI_API_KEY: 'sk-test-kill-000000', OPENAI_BASE_URL: server.openaiBaseURL, NO_COLOR: '1' };
    const child = spawn(process.execPath, [bin, 'run', '--targets', 'openai:fake-model', '--concurrency', '8', '--quiet', '--out', 'run'], { cwd: root, env, stdio: 'ignore' });
    const results = join(root, 'run', 'results.jsonl');
    // Kill it hard while calls are landing: no handler runs, no summary is written.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (countLines(results) >= 20) {
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        resolve();
      });
      child.on('error', reject);
    });
    const text = readFileSync(results, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(lines.length).toBeLessThan(CASE_COUNT * 2);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(text.endsWith('\n')).toBe(true);
    expect(existsSync(join(root, 'run', 'summary.json'))).toBe(false);

    const resumed = await runCli(['run', '--resume', 'run', '--quiet'], { cwd: root, env: { OPENAI_API_KEY: 'sk-test-kill-000000', OPENAI_BASE_URL: server.openaiBaseURL } });
    expect(resumed.code).toBe(0);
    const all = readResults(join(root, 'run'));
    expect(all).toHaveLength(CASE_COUNT * 2);
    expect(new Set(all.map((r) => r.trialId)).size).toBe(CASE_COUNT * 2);
    expect(readSummary(join(root, 'run')).complete).toBe(true);
  });
});
