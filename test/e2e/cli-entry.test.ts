import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleIsFresh, cliEntry } from '../../bin/cli-entry.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'subtodo-eval.js');

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A package folder with one source and a bundle stamped from it. */
function stampedFolder(): { root: string; source: string } {
  root = mkdtempSync(join(tmpdir(), 'ste-entry-'));
  const source = join(root, 'src', 'a.ts');
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'dist', 'bundle'), { recursive: true });
  writeFileSync(source, 'export const a = 1;\n');
  const stat = statSync(source);
  writeFileSync(join(root, 'dist', 'bundle', 'inputs.json'), JSON.stringify({ inputs: [{ path: 'src/a.ts', size: stat.size, mtimeMs: stat.mtimeMs }] }));
  return { root, source };
}

describe('bundleIsFresh', () => {
  const url = (dir: string) => pathToFileURL(`${dir}/`);

  it('holds while every source is as it was built from, and not after an edit', () => {
    const { root, source } = stampedFolder();
    expect(bundleIsFresh(url(root))).toBe(true);
    writeFileSync(source, 'export const a = 2;\n');
    expect(bundleIsFresh(url(root))).toBe(false);
  });

  it('does not hold after a source is touched, removed, or when the stamp is missing or broken', () => {
    const { root, source } = stampedFolder();
    const later = new Date(Date.now() + 5000);
    utimesSync(source, later, later);
    expect(bundleIsFresh(url(root))).toBe(false);
    rmSync(source);
    expect(bundleIsFresh(url(root))).toBe(false);
    writeFileSync(join(root, 'dist', 'bundle', 'inputs.json'), '{"inputs": "x"}');
    expect(bundleIsFresh(url(root))).toBe(false);
    rmSync(join(root, 'dist', 'bundle', 'inputs.json'));
    expect(bundleIsFresh(url(root))).toBe(false);
  });
});

describe('the start-up bundle of a checkout', () => {
  it('is built by npm install (or here, when stale), fresh, and starts the same CLI as src/', () => {
    if (!bundleIsFresh()) {
      const built = spawnSync(process.execPath, [join(repo, 'scripts', 'build-cli.ts')], { cwd: repo, encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);
    }
    expect(bundleIsFresh()).toBe(true);
    expect(cliEntry().pathname).toMatch(/\/dist\/bundle\/main\.js$/);
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [bin, 'validate'], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });
    const bundled = run({});
    const source = run({ SUBTODO_EVAL_FROM_SOURCE: '1' });
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    expect(bundled.stdout).toContain('ok: subtodo-eval.yaml');
  });
});
