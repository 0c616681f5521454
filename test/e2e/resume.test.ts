import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, type FakeServer, type Responder } from '../fake-server/fake-server.ts';
import { CONFIG, makeProject, readReport, readResults, readSummary, removeProject, runCli, VARIANTS, RESUME_ARGS, runArgs } from './e2e-support.ts';

const CASE_COUNT = 10;
const PLANNED = CASE_COUNT * 2; // two variants, one target
const cases = `${Array.from({ length: CASE_COUNT }, (_, i) => `- { id: c${i}, input: "할 일 c${i} 하기", expect: { type: answer } }`).join('\n')}\n`;
const RUN = runArgs(2);

let server: FakeServer;
let root: string;
let env: Record<string, string>;

async function start(responder: Responder): Promise<void> {
  server = await startFakeServer({ responder });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': cases });
  env = { OPENAI_API_KEY: 'sk-test-resume-000000', OPENAI_BASE_URL: server.openaiBaseURL };
}

afterEach(async () => {
  await server.close();
  removeProject(root);
});

/** Stops the run (a first Ctrl-C) once `after` calls have been answered. */
function stopAfter(after: number, stop: AbortController): Responder {
  let answered = 0;
  return (req) => {
    if (++answered === after) stop.abort();
    return { ...defaultResponder(req), latencyMs: 20 };
  };
}

function expectOneResultPerTrial(dir: string): void {
  const results = readResults(dir);
  expect(results).toHaveLength(PLANNED);
  expect(new Set(results.map((r) => r.trialId)).size).toBe(PLANNED);
  expect(new Set(results.map((r) => `${r.variant}/${r.caseId}`)).size).toBe(PLANNED);
}

describe('run --resume', () => {
  it('after a Ctrl-C, runs only the missing calls and ends complete, with no duplicate', async () => {
    const stop = new AbortController();
    await start(stopAfter(5, stop));
    const first = await runCli(RUN, { cwd: root, env, stop: stop.signal });
    expect(first.code).toBe(130);
    const kept = readResults(join(root, 'run')).length;
    expect(kept).toBeGreaterThanOrEqual(5);
    expect(kept).toBeLessThan(PLANNED);
    expect(readSummary(join(root, 'run')).complete).toBe(false);
    expect(readReport(join(root, 'run'))).toMatch(/incomplete/i);
    // The last thing printed: how far it got and the exact command that finishes it.
    expect(first.stderr.trimEnd().split('\n').slice(-2)).toEqual([`Interrupted after ${kept} of ${PLANNED} calls; results so far are in run. Finish the run with:`, '  subtodo-eval run --resume run']);
    expect(first.stdout).toBe('run\n');

    server.setResponder(defaultResponder);
    const before = server.requests.length;
    const second = await runCli([...RESUME_ARGS], { cwd: root, env });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`${kept} of ${PLANNED} calls already done, ${PLANNED - kept} to go`);
    expect(server.requests.length - before).toBe(PLANNED - kept);
    expectOneResultPerTrial(join(root, 'run'));
    const summary = readSummary(join(root, 'run'));
    expect(summary.complete).toBe(true);
    expect(summary.cells.reduce((n, c) => n + c.calls, 0)).toBe(PLANNED);
    expect(new Set(readResults(join(root, 'run')).map((r) => r.runId))).toEqual(new Set([summary.runId]));

    // Resuming a complete run makes no call and changes nothing.
    const third = await runCli([...RESUME_ARGS], { cwd: root, env });
    expect(third.code).toBe(0);
    expect(server.requests.length - before).toBe(PLANNED - kept);
    expectOneResultPerTrial(join(root, 'run'));
  });

  it('cuts a line torn by a kill mid-write and runs that call again', async () => {
    await start(defaultResponder);
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    const path = join(root, 'run', 'results.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    // The last three results are lost: two never written, one torn half-way through its line.
    writeFileSync(path, `${lines.slice(0, -3).join('\n')}\n`);
    appendFileSync(path, (lines.at(-3) ?? '').slice(0, 40));
    const before = server.requests.length;
    const resumed = await runCli([...RESUME_ARGS], { cwd: root, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/cut a torn last line \(40 bytes\)/);
    expect(server.requests.length - before).toBe(3);
    expectOneResultPerTrial(join(root, 'run'));
  });

  it('refuses to mix two versions of a prompt in one run', async () => {
    await start(defaultResponder);
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    const prompt = join(root, 'prompts', 'plain.yaml');
    writeFileSync(prompt, readFileSync(prompt, 'utf8').replace('플래너입니다.', '꼼꼼한 플래너입니다.'));
    const before = server.requests.length;
    const resumed = await runCli([...RESUME_ARGS], { cwd: root, env });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^run: the prompts, targets or cases changed since this run began \(the plan now has 20 calls, run.json planned 20; 10 result\(s\) already written no longer match \(first: plain × openai:fake-model × c\d+\)\)\. Start a new run/),
    ]);
    expect(server.requests.length).toBe(before);
  });

  it('takes the selection from run.json: selection flags with --resume are a usage error', async () => {
    await start(defaultResponder);
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    const r = await runCli(['run', '--resume', 'run', '--variants', 'plain'], { cwd: root, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--resume takes the variants, targets and cases from run\/run.json; drop --variants/);
    const missing = await runCli(['run', '--resume', 'nowhere'], { cwd: root, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^nowhere: no such folder/);
  });
});

describe('a first Ctrl-C with a hung call', () => {
  it('waits only the grace period, then aborts the call and writes an incomplete run', async () => {
    const stop = new AbortController();
    await start(() => {
      setTimeout(() => stop.abort(), 20);
      return { fault: 'hang' };
    });
    const started = Date.now();
    const r = await runCli(RUN, { cwd: root, env, stop: stop.signal, stopGraceMs: 200 });
    expect(r.code).toBe(130);
    expect(Date.now() - started).toBeLessThan(5_000); // not the 60 s call timeout
    expect(readResults(join(root, 'run'))).toEqual([]);
    expect(readSummary(join(root, 'run')).complete).toBe(false);
  });
});
