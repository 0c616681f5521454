import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const REPO = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'ste-pack-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * What a user outside this repository does: the packed package installed into an empty folder,
 * then `init` and `run` there with no key. `npm pack` builds dist/ and the report page first
 * (prepack, without a second type check). Slow for a test (the build and the install: 25 s on a
 * quiet machine here), and the only one that checks the package as shipped.
 */
describe('the packed package', () => {
  it('installs into an empty folder, and init + run work there with no key', async () => {
    const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, env, maxBuffer: 16 * 2 ** 20 });
    const [{ filename, files }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    const shipped = files.map((f) => f.path);
    expect(shipped).toContain('dist/cli/main.js');
    expect(shipped).toContain('dist/page/page.js');
    expect(shipped).toContain('docs/config.schema.json');
    expect(shipped.some((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('reports/'))).toBe(false);

    const project = join(work, 'project');
    await exec('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), '{ "private": true }\n');
    // From npm's cache (the repo's own install filled it); the registry only for what is not there.
    const install = (mode: string) => exec('npm', ['install', mode, '--no-save', join(work, filename)], { cwd: project, env, maxBuffer: 16 * 2 ** 20 });
    await install('--offline').catch(() => install('--prefer-offline'));
    const bin = join(project, 'node_modules', 'subtodo-eval', 'bin', 'subtodo-eval.js');
    // The installed tool runs on a Node >= 22.18 (the one running these tests); no key in its environment.
    const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !/_API_KEY$|_BASE_URL$/.test(k)));
    const init = await exec(process.execPath, [bin, 'init'], { cwd: project, env: clean });
    expect(init.stdout).toContain('Created a subtodo-eval project in .');
    const run = await exec(process.execPath, [bin, 'run', '--quiet', '--filter', 'tag:injection'], { cwd: project, env: clean });
    const runDir = join(project, run.stdout.trim());
    for (const name of ['results.jsonl', 'summary.json', 'report.md', 'report.html']) expect(existsSync(join(runDir, name)), name).toBe(true);
    expect(readdirSync(join(project, 'reports'))).toHaveLength(1);
  }, 120_000);
});
