import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/subtodo-eval.js', import.meta.url));
const systemNode = '/usr/bin/node';
const systemMajor = existsSync(systemNode) ? Number(execFileSync(systemNode, ['-p', 'process.versions.node']).toString().split('.')[0]) : undefined;

describe('bin/subtodo-eval.js', () => {
  it('starts the CLI and exits with its code', () => {
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = spawnSync(process.execPath, [bin, 'run', '--repeat', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
  });

  it.skipIf(systemMajor === undefined || systemMajor >= 22)('hands over from an old system Node to the bundled Node 24', () => {
    const out = spawnSync(systemNode, [bin, '--version'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
