import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, makeProject, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const bin = fileURLToPath(new URL('../../bin/subtodo-eval.js', import.meta.url));
// Root writes anywhere: as root, the CLI runs as `nobody`, for whom a 0555 folder is read-only.
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let server: FakeServer;
let root: string;

afterEach(async () => {
  await server.close();
  chmodSync(root, 0o755);
  for (const name of readdirSync(root)) chmodSync(join(root, name), 0o755);
  removeProject(root);
});

function cli(argv: string[], env: Record<string, string>): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...argv], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: r.status, stderr: r.stderr };
}

describe.skipIf(process.platform === 'win32')('folders the user cannot write', () => {
  it('report on a read-only run folder says it cannot write, and where', async () => {
    server = await startFakeServer();
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: 할 일, expect: { type: answer } }\n' });
    expect((await runCli(['run', '--targets', 'openai:fake-model', '--quiet', '--out', 'run'], { cwd: root, env: fakeEnv(server) })).code).toBe(0);
    chmodSync(root, 0o755);
    chmodSync(join(root, 'run'), 0o555);
    for (const name of readdirSync(join(root, 'run'))) chmodSync(join(root, 'run', name), 0o444);
    const r = cli(['report', 'run'], {});
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe('run: cannot write the rebuilt summary.json, report.md and report.html (permission denied); choose a folder you can write, or copy the run folder to one\n');
  });

  it('a read-only --out names the folder that refused, not "no such file"', async () => {
    server = await startFakeServer();
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: 할 일, expect: { type: answer } }\n' });
    mkdirSync(join(root, 'locked'));
    chmodSync(join(root, 'locked'), 0o555);
    chmodSync(root, 0o777);
    const r = cli(['run', '--targets', 'openai:fake-model', '--quiet', '--no-cache', '--out', 'locked/deep/run'], fakeEnv(server));
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe('locked/deep/run: cannot write the run folder (locked is not writable: permission denied)\n');
    expect(server.requests).toHaveLength(0);
  });
});
