import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/results/run-lock.ts';
import { defaultResponder, startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, countLines, makeProject, numberedCases, readSummary, removeProject, VARIANTS } from './e2e-support.ts';

const bin = fileURLToPath(new URL('../../bin/subtodo-eval.js', import.meta.url));
// The machine's own `node`, as `#!/usr/bin/env node` finds it outside npm: older than 22.18, it hands over to Node 24.
const systemNode = '/usr/bin/node';
const systemMajor = existsSync(systemNode) ? Number(execFileSync(systemNode, ['-p', 'process.versions.node']).toString().split('.')[0]) : undefined;

const CASE_COUNT = 40;
const cases = numberedCases(CASE_COUNT);

let server: FakeServer;
let root: string;

afterEach(async () => {
  await server.close();
  removeProject(root);
});


/** The launcher's only child: the Node 24 process it handed over to. */
function childOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  expect(children).toHaveLength(1);
  return children[0] as number;
}

/** Starts `run` through the launcher with the old Node, and resolves once a few results are written. */
async function startRun(options: { detached?: boolean } = {}) {
  server = await startFakeServer({ responder: (req) => ({ ...defaultResponder(req), latencyMs: 100 }) });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': cases });
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', OPENAI_API_KEY: 'sk-test-signal-000000', OPENAI_BASE_URL: server.openaiBaseURL, NO_COLOR: '1' };
  const launcher = spawn(systemNode, [bin, 'run', '--targets', 'openai:fake-model', '--concurrency', '2', '--quiet', '--no-cache', '--out', 'run'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: options.detached === true,
  });
  const output = { stderr: '' };
  launcher.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => launcher.on('exit', (code) => resolve(code)));
  const results = join(root, 'run', 'results.jsonl');
  while (countLines(results) < 3) await new Promise((r) => setTimeout(r, 20));
  return { launcher, exited, output, results, child: childOf(launcher.pid as number) };
}

async function expectStoppedCleanly(run: Awaited<ReturnType<typeof startRun>>): Promise<void> {
  const code = await run.exited;
  expect(code, run.output.stderr).toBe(130);
  expect(isProcessAlive(run.child)).toBe(false);
  expect(readSummary(join(root, 'run')).complete).toBe(false);
  const written = countLines(run.results);
  expect(written).toBeLessThan(CASE_COUNT * 2);
  // No call after the exit: the child did not carry on, re-parented, to the end.
  const calls = server.requests.length;
  await new Promise((r) => setTimeout(r, 300));
  expect(server.requests.length).toBe(calls);
  expect(countLines(run.results)).toBe(written);
}

describe.skipIf(systemMajor === undefined || systemMajor >= 22)('the launcher started by an old system Node', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('forwards %s to the Node 24 child, which stops and writes complete: false; exits with its code', async (signal) => {
    const run = await startRun();
    run.launcher.kill(signal);
    await expectStoppedCleanly(run);
  });

  it('makes one Ctrl-C of one terminal keypress, though both processes receive it', async () => {
    // A terminal sends SIGINT to the whole foreground process group: here, the launcher's own group.
    const run = await startRun({ detached: true });
    process.kill(-(run.launcher.pid as number), 'SIGINT');
    await expectStoppedCleanly(run);
    expect(run.output.stderr).toContain('Interrupted: no new calls');
    expect(run.output.stderr).not.toContain('Aborting calls in flight');
  });
});
