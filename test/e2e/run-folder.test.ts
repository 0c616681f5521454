import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResponder, startFakeServer, type FakeServer, type Responder } from '../fake-server/fake-server.ts';
import { CONFIG, makeProject, numberedCases, readResults, readSummary, removeProject, runCli, VARIANTS, RESUME_ARGS, runArgs } from './e2e-support.ts';

const bin = fileURLToPath(new URL('../../bin/subtodo-eval.js', import.meta.url));
const CASE_COUNT = 10;
const PLANNED = CASE_COUNT * 2; // two variants, one target
const cases = numberedCases(CASE_COUNT);
const RUN = runArgs(1);
const RESUME = RESUME_ARGS;

let server: FakeServer;
let root: string;
let env: Record<string, string>;
const extraDirs: string[] = [];

async function start(responder: Responder = defaultResponder): Promise<void> {
  server = await startFakeServer({ responder });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': cases });
  env = { OPENAI_API_KEY: 'sk-test-folder-000000', OPENAI_BASE_URL: server.openaiBaseURL };
}

afterEach(async () => {
  await server.close();
  removeProject(root);
  for (const dir of extraDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A run stopped (first Ctrl-C) after `after` answers: some trials done, the rest owed. */
async function interruptedRun(after: number): Promise<number> {
  const stop = new AbortController();
  let answered = 0;
  server.setResponder((req) => {
    if (++answered === after) stop.abort();
    return defaultResponder(req);
  });
  expect((await runCli(RUN, { cwd: root, env, stop: stop.signal })).code).toBe(130);
  server.setResponder(defaultResponder);
  return readResults(join(root, 'run')).length;
}

describe('forged and hand-edited run folders', () => {
  it('report, compare and --resume count lines that are not results, ignore lines of another run, and never crash', async () => {
    await start();
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    const before = readSummary(join(root, 'run'));
    const [first] = readResults(join(root, 'run'));
    appendFileSync(
      join(root, 'run', 'results.jsonl'),
      [
        JSON.stringify({ ...first, error: { message: 42 } }),
        JSON.stringify({ ...first, runId: 'another-run', trialId: 'x1' }),
        JSON.stringify({ ...first, variant: 'unknown-variant', trialId: 'x2' }),
        JSON.stringify({ ...first, costUsd: -1000, trialId: 'x3' }),
        JSON.stringify({ ...first, usage: { inputTokens: 1e300, outputTokens: -4 }, trialId: 'x4' }),
        '{"torn": ',
        '',
      ].join('\n'),
    );
    const report = await runCli(['report', 'run'], { cwd: root, env });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain('run/results.jsonl: skipped 4 unreadable line(s): 21, 24, 25, 26\n');
    expect(report.stderr).toContain('run/results.jsonl: ignored 2 line(s) of another run, variant, target or trial than its run.json names\n');
    const after = readSummary(join(root, 'run'));
    expect(after.cells.map((c) => [c.variant, c.calls, c.costUsd])).toEqual(before.cells.map((c) => [c.variant, c.calls, c.costUsd]));

    const compare = await runCli(['compare', 'run', 'run'], { cwd: root, env });
    expect(compare.code, compare.stderr).toBe(0);
    const requests = server.requests.length;
    const resumed = await runCli(RESUME, { cwd: root, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(server.requests.length).toBe(requests);
    expect(resumed.stderr).toContain(`${PLANNED} of ${PLANNED} calls already done, 0 to go`);
  });

  it('report keeps no gate it did not write: a forged summary.json gate is dropped, not a crash', async () => {
    await start();
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    const summary = readSummary(join(root, 'run'));
    writeFileSync(join(root, 'run', 'summary.json'), JSON.stringify({ ...summary, gate: { passed: false, cells: 'x' } }));
    const r = await runCli(['report', 'run'], { cwd: root, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('run/summary.json: its gate verdict is not one this tool wrote; the rebuilt summary has none');
    expect(readSummary(join(root, 'run')).gate).toBeUndefined();
  });

  it('a forged run.json is one line naming the problem, with values cut short', async () => {
    await start();
    expect((await runCli(RUN, { cwd: root, env })).code).toBe(0);
    const metaPath = join(root, 'run', 'run.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(metaPath, JSON.stringify({ ...meta, variants: 'x' }));
    const bad = await runCli(['report', 'run'], { cwd: root, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('run/run.json: not a subtodo-eval run.json (variants: Invalid input: expected array, received string)\n');

    // A selection that points --resume at a file outside the project: read as a config, it shows at most an excerpt.
    writeFileSync(join(root, 'secret.yaml'), `${'password: hunter2-and-more '.repeat(400)}\n`);
    writeFileSync(metaPath, JSON.stringify({ ...meta, selection: { ...(meta['selection'] as object), config: 'secret.yaml', targets: ['mock'] } }));
    const forged = await runCli(RESUME, { cwd: root, env });
    expect(forged.code).toBe(2);
    for (const line of forged.stderr.trimEnd().split('\n')) expect([...line].length).toBeLessThan(600);
    expect(forged.stderr.split('hunter2').length).toBeLessThan(10);
  });
});

describe('--resume and the plan', () => {
  it('refuses a plan that lost a case not run yet, and one that gained a case, before any call', async () => {
    await start();
    const kept = await interruptedRun(4);
    expect(kept).toBeLessThan(PLANNED);
    const file = join(root, 'cases', 'a.yaml');
    const requests = server.requests.length;

    writeFileSync(file, numberedCases(CASE_COUNT - 1));
    const fewer = await runCli(RESUME, { cwd: root, env });
    expect(fewer.code).toBe(2);
    expect(fewer.stderr).toBe(
      `run: the prompts, targets or cases changed since this run began (the plan now has ${PLANNED - 2} calls, run.json planned ${PLANNED}). Start a new run, or restore them to resume.\n`,
    );

    writeFileSync(file, `${cases}${numberedCases(1, 99)}`);
    const more = await runCli(RESUME, { cwd: root, env });
    expect(more.code).toBe(2);
    expect(more.stderr).toMatch(/the plan now has 22 calls, run\.json planned 20/);
    expect(server.requests.length).toBe(requests);

    writeFileSync(file, cases);
    const back = await runCli(RESUME, { cwd: root, env });
    expect(back.code).toBe(0);
    expect(server.requests.length - requests).toBe(PLANNED - kept);
    expect(readSummary(join(root, 'run')).complete).toBe(true);
  });

  it('resumes a run.json of an older version, without a plan hash, checking the planned count instead', async () => {
    await start();
    const kept = await interruptedRun(4);
    const metaPath = join(root, 'run', 'run.json');
    const { planHash: _planHash, ...older } = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(metaPath, JSON.stringify(older));
    writeFileSync(join(root, 'cases', 'a.yaml'), `${cases}${numberedCases(1, 99)}`);
    const changed = await runCli(RESUME, { cwd: root, env });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/the plan now has 22 calls, run\.json planned 20/);
    writeFileSync(join(root, 'cases', 'a.yaml'), cases);
    const requests = server.requests.length;
    expect((await runCli(RESUME, { cwd: root, env })).code).toBe(0);
    expect(server.requests.length - requests).toBe(PLANNED - kept);
  });

  it('says a moved run folder lost its project, instead of "no cases found"', async () => {
    await start();
    await interruptedRun(3);
    const elsewhere = mkdtempSync(join(tmpdir(), 'ste-moved-'));
    extraDirs.push(elsewhere);
    cpSync(join(root, 'run'), join(elsewhere, 'run'), { recursive: true });
    const r = await runCli(RESUME, { cwd: elsewhere, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^run\/run\.json: this run began in .*, but .*subtodo-eval\.yaml is not there; was the run folder moved away from its project\?/);
    expect(r.stderr).not.toMatch(/no cases found/);
  });
});

describe('the run-folder lock', () => {
  it('two --resume of one folder at once: one makes exactly the missing calls, the other is refused naming it', async () => {
    await start();
    const kept = await interruptedRun(5);
    // The first resume (another process) holds its calls until the second has tried.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server.setResponder(async (req) => {
      await held;
      return defaultResponder(req);
    });
    const requests = server.requests.length;
    const first = spawn(process.execPath, [bin, ...RESUME], { cwd: root, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let firstErr = '';
    first.stderr.on('data', (chunk: Buffer) => (firstErr += chunk.toString()));
    const firstExit = new Promise<number | null>((resolve) => first.on('exit', resolve));
    while (server.requests.length === requests) await new Promise((r) => setTimeout(r, 20));

    const second = await runCli(RESUME, { cwd: root, env });
    release();
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^run: another subtodo-eval run is writing this folder \\(pid ${first.pid} on .*\\); wait for it to end or stop it`));
    expect(await firstExit, firstErr).toBe(0);
    expect(server.requests.length - requests).toBe(PLANNED - kept);
    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(PLANNED);
    expect(new Set(results.map((r) => r.trialId)).size).toBe(PLANNED);
    expect(existsSync(join(root, 'run', 'run.lock'))).toBe(false);
  });

  it('takes over the lock a killed run left behind', async () => {
    await start();
    const kept = await interruptedRun(3);
    writeFileSync(join(root, 'run', 'run.lock'), JSON.stringify({ pid: 2 ** 22 + 4321, host: (await import('node:os')).hostname(), since: new Date().toISOString() }));
    const r = await runCli(RESUME, { cwd: root, env });
    expect(r.code, r.stderr).toBe(0);
    expect(readResults(join(root, 'run'))).toHaveLength(PLANNED);
    expect(kept).toBeLessThan(PLANNED);
  });
});

describe('--out', () => {
  it('refuses a folder holding files this tool did not write, and takes an empty one or an earlier attempt', async () => {
    await start();
    mkdirSync(join(root, 'mine'));
    writeFileSync(join(root, 'mine', 'report.md'), '# my own notes\n');
    writeFileSync(join(root, 'mine', 'notes.txt'), 'keep me\n');
    const r = await runCli([...RUN.slice(0, -1), 'mine'], { cwd: root, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mine: the folder holds files this tool did not write (notes.txt); choose a new or empty --out folder\n');
    expect(readFileSync(join(root, 'mine', 'report.md'), 'utf8')).toBe('# my own notes\n');

    // report.md alone, with no run.json, is not one of ours either.
    rmSync(join(root, 'mine', 'notes.txt'));
    expect((await runCli([...RUN.slice(0, -1), 'mine'], { cwd: root, env })).code).toBe(2);

    mkdirSync(join(root, 'empty'));
    expect((await runCli([...RUN.slice(0, -1), 'empty'], { cwd: root, env })).code).toBe(0);
    // An attempt that stopped before its first result (run.json only) may be started again.
    mkdirSync(join(root, 'attempt'));
    writeFileSync(join(root, 'attempt', 'run.json'), readFileSync(join(root, 'empty', 'run.json')));
    expect((await runCli([...RUN.slice(0, -1), 'attempt'], { cwd: root, env })).code).toBe(0);
    const again = await runCli([...RUN.slice(0, -1), 'attempt'], { cwd: root, env });
    expect(again.stderr).toBe('attempt: a run is already there; choose another --out, or finish it with --resume attempt\n');
  });
});
