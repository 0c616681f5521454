import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, listRunDirs, makeProject, onlyRunDir, readReport, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CASES = ['- id: move', '  input: 이사 준비하기', '  expect: { type: answer }', '- id: vague', '  input: 그거 하기', '  expect: { type: question }', ''].join('\n');

let server: FakeServer;
let root: string;

beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());
afterEach(() => removeProject(root));

describe('a real target without a key', () => {
  it('exits 2 with one line naming the variable, writes nothing and calls no server', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
    // A key for the other provider and a stray setting must not rescue the OpenAI target.
    const run = await runCli(['run', '--targets', 'openai:gpt-x'], { cwd: root, env: { ANTHROPIC_API_KEY: 'sk-ant-unused-000000', OPENAI_BASE_URL: '' } });
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('OPENAI_API_KEY');
    expect(lines[0]).toContain('openai:gpt-x');
    expect(lines[0]).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
    expect(existsSync(join(root, 'reports'))).toBe(false);
    expect(server.requests).toEqual([]);
  });

  it('names the apiKeyEnv a configured target reads instead', async () => {
    const config = `${CONFIG}targets:\n  - { provider: anthropic, model: claude-x, apiKeyEnv: MY_CLAUDE_KEY }\n`;
    root = makeProject({ 'subtodo-eval.yaml': config, ...VARIANTS, 'cases/a.yaml': CASES });
    const run = await runCli(['run'], { cwd: root, env: { ANTHROPIC_API_KEY: 'sk-ant-wrong-var-0000' } });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('MY_CLAUDE_KEY')]);
    expect(existsSync(join(root, 'reports'))).toBe(false);
    expect(server.requests).toEqual([]);
  });
});

describe('no target configured and no key', () => {
  it('runs on the mock and marks every output as simulated', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
    const run = await runCli(['run'], { cwd: root, env: {} });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('running on `mock`');
    const dir = onlyRunDir(root);
    const results = readResults(dir);
    expect(results).toHaveLength(4);
    expect(results.every((r) => r.simulated && r.target === 'mock')).toBe(true);
    const summary = readSummary(dir);
    expect(summary.simulated).toBe(true);
    expect(summary.cells.every((c) => c.simulated)).toBe(true);
    const report = readReport(dir);
    expect(report).toContain('Simulated');
    expect(report).toMatch(/\| mock \(simulated\) \|/);
    expect(server.requests).toEqual([]);
  });
});

describe('bad input exits 2 without a stack and without a run folder', () => {
  it.each([
    ['an unknown provider', ['run', '--targets', 'gemini:pro'], /unknown provider "gemini"/],
    ['an unknown flag', ['run', '--nope'], /unknown option/],
    ['a filter matching nothing', ['run', '--filter', 'tag:none'], /matches no case/],
    ['a missing --config', ['run', '--config', 'nowhere.yaml'], /nowhere\.yaml: config file not found/],
    ['a bad --repeat', ['run', '--repeat', '0'], /whole number/],
  ])('%s', async (_what, argv, message) => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
    const run = await runCli(argv, { cwd: root, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(listRunDirs(root)).toEqual([]);
  });

  it('broken files: each problem located, all at once', async () => {
    const badCase = ['- id: a', '  input: 하기', '  expect: { type: maybe }', ''].join('\n');
    const badVariant = ['id: broken', 'system: hi', 'template: no placeholder here', ''].join('\n');
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'prompts/broken.yaml': badVariant, 'cases/a.yaml': badCase });
    const run = await runCli(['run'], { cwd: root, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cases\/a\.yaml:3: expect\.type: /m);
    expect(run.stderr).toMatch(/^prompts\/broken\.yaml:3: template: must contain \{\{todo\}\}/m);
    expect(listRunDirs(root)).toEqual([]);
  });

  it.each([
    ['run --out under a file', ['run', '--quiet', '--out', 'blocker/run'], /blocker\/run: cannot write the run folder \(a file is in the way\)/],
    ['init into a file', ['init', 'blocker'], /blocker: (already has|cannot create)/],
  ])('a folder it cannot write: %s → one line, exit 2', async (_what, argv, message) => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES, blocker: 'a file, not a folder\n' });
    const run = await runCli(argv, { cwd: root, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('--filter naming nothing is an error, like an unknown --variants name', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
    const run = await runCli(['run', '--quiet', '--filter', 'tag:nope,*'], { cwd: root, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--filter: "tag:nope" matches no case/);
  });
});
