import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, type FakeServer, type Responder } from '../fake-server/fake-server.ts';
import { CONFIG, countLines, makeProject, numberedCases, readResults, readSummary, removeProject, runCli, VARIANTS, RESUME_ARGS, runArgs } from './e2e-support.ts';

const CASE_COUNT = 8;
const PLANNED = CASE_COUNT * 2; // two variants, one target
const cases = numberedCases(CASE_COUNT);
const RUN = runArgs(1);
const RESUME = RESUME_ARGS;

let server: FakeServer;
let root: string;
let env: Record<string, string>;

afterEach(async () => {
  await server.close();
  removeProject(root);
});

/** A 400 (not retried) for the broken cases while `state.down`: a permanent failure until the server recovers. */
function breaking(broken: ReadonlySet<string>, state: { down: boolean }): Responder {
  return (req) => {
    const caseId = /할 일 (c\d+) 하기/.exec(req.lastUserText)?.[1] ?? '';
    if (state.down && broken.has(caseId)) return { fault: 'status', status: 400, message: 'this model is not available' };
    return defaultResponder(req);
  };
}

async function start(broken: ReadonlySet<string>, state: { down: boolean }): Promise<void> {
  server = await startFakeServer({ responder: breaking(broken, state) });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': cases });
  env = { OPENAI_API_KEY: 'sk-test-retry-000000', OPENAI_BASE_URL: server.openaiBaseURL };
}

const lineCount = () => countLines(join(root, 'run', 'results.jsonl'));

describe('run --resume --retry-errors', () => {
  it('turns injected permanent failures into results once the server recovers, calling only for them', async () => {
    const state = { down: true };
    await start(new Set(['c1', 'c4']), state);
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    expect(readSummary(join(root, 'run')).cells.reduce((n, c) => n + c.outcomes.provider_error, 0)).toBe(4);

    // A plain resume finds nothing missing: a provider error is a result.
    let before = server.requests.length;
    expect((await runCli(RESUME, { cwd: root, env })).code).toBe(0);
    expect(server.requests.length).toBe(before);

    state.down = false;
    before = server.requests.length;
    const retried = await runCli([...RESUME, '--retry-errors'], { cwd: root, env });
    expect(retried.code).toBe(0);
    expect(retried.stderr).toContain(`${PLANNED - 4} of ${PLANNED} calls already done, 4 to go (4 of them provider errors run again)`);
    expect(server.requests.length - before).toBe(4);
    // The old lines stay (nothing is rewritten); every reader takes the newest line of a trial.
    expect(lineCount()).toBe(PLANNED + 4);
    const summary = readSummary(join(root, 'run'));
    expect(summary.complete).toBe(true);
    expect(summary.cells.reduce((n, c) => n + c.calls, 0)).toBe(PLANNED);
    expect(summary.cells.reduce((n, c) => n + c.outcomes.provider_error, 0)).toBe(0);
    expect((await runCli(['report', 'run'], { cwd: root, env })).code).toBe(0);
    expect(readSummary(join(root, 'run')).cells).toEqual(summary.cells);
  });

  it('loses nothing when the retry is interrupted again: errors not yet retried still count', async () => {
    const state = { down: true };
    await start(new Set(['c0', 'c2', 'c5']), state);
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    state.down = false;
    const stop = new AbortController();
    server.setResponder((req) => {
      stop.abort(); // a first Ctrl-C as the first retried call is answered
      return defaultResponder(req);
    });
    const interrupted = await runCli([...RESUME, '--retry-errors'], { cwd: root, env, stop: stop.signal });
    expect(interrupted.code).toBe(130);
    const partial = readSummary(join(root, 'run'));
    expect(partial.complete).toBe(false);
    expect(partial.cells.reduce((n, c) => n + c.calls, 0)).toBe(PLANNED);
    const left = partial.cells.reduce((n, c) => n + c.outcomes.provider_error, 0);
    // Calls in flight at the stop may finish; the rest are still owed, and still counted as errors.
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(6);
    expect(lineCount()).toBe(PLANNED + 6 - left);

    server.setResponder(defaultResponder);
    const before = server.requests.length;
    expect((await runCli([...RESUME, '--retry-errors'], { cwd: root, env })).code).toBe(0);
    expect(server.requests.length - before).toBe(left);
    const results = readResults(join(root, 'run'));
    expect(new Set(results.map((r) => r.trialId)).size).toBe(PLANNED);
    expect(readSummary(join(root, 'run')).cells.reduce((n, c) => n + c.outcomes.provider_error, 0)).toBe(0);
  });

  it('is a usage error without --resume', async () => {
    await start(new Set(), { down: false });
    const r = await runCli([...RUN, '--retry-errors'], { cwd: root, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--retry-errors runs again the provider errors of a stored run: use it with --resume <runDir>\n$/);
  });
});
