import { closeSync, fstatSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, makeProject, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

let server: FakeServer;
let root: string;

afterAll(async () => {
  await server.close();
  removeProject(root);
});

/** Past V8's longest string (2^29 − 24 characters): a whole-file read of it cannot be one string. */
const BIG = 513 * 1024 * 1024;

describe('a results.jsonl over 512 MiB', () => {
  it('is streamed by report and compare: its giant line is skipped as unreadable, nothing crashes', async () => {
    server = await startFakeServer();
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: 할 일, expect: { type: answer } }\n- { id: c2, input: 장보기, expect: { type: answer } }\n' });
    expect((await runCli(['run', '--targets', 'openai:fake-model', '--quiet', '--out', 'run'], { cwd: root, env: fakeEnv(server) })).code).toBe(0);
    const before = readSummary(join(root, 'run'));
    // A sparse run of zero bytes: 513 MiB on paper, nothing on disk, one line with no end in sight.
    const path = join(root, 'run', 'results.jsonl');
    const fd = openSync(path, 'r+');
    const size = fstatSync(fd).size;
    ftruncateSync(fd, size + BIG);
    writeSync(fd, '\n', size + BIG);
    closeSync(fd);
    expect(statSync(path).size).toBeGreaterThan(512 * 1024 * 1024);

    const report = await runCli(['report', 'run'], { cwd: root, env: {} });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toBe('run/results.jsonl: skipped 1 unreadable line(s): 5\n');
    expect(readSummary(join(root, 'run')).cells).toEqual(before.cells);
    const compare = await runCli(['compare', 'run', 'run'], { cwd: root, env: {} });
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stdout).toContain('## Cells');
  }, 60_000);
});
