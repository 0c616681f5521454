import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/cli-io.ts';
import { main } from '../../src/cli/main.ts';
import { CASES, CONFIG, VARIANT, writeProject } from '../config/project-fixture.ts';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd`, capturing what it prints. */
async function runCli(argv: string[], cwd: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { NO_COLOR: '1' },
    cwd,
    stderrIsTTY: false,
    stdoutIsTTY: false,
    now: () => new Date('2025-01-02T03:04:05Z'),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const STACK_LINE = /^\s+at /m;

describe('subtodo-eval validate', () => {
  it('prints one `file:line: key: message` line per mistake, no stack, and exits 2', async () => {
    const cwd = writeProject({
      'subtodo-eval.yaml': `${CONFIG}concurency: 4\n`,
      'prompts/v1.yaml': VARIANT.replace('format: xml', 'format: html'),
      'cases/a.yaml': CASES.replace('type: question', 'type: questoin'),
    });
    const r = await runCli(['validate'], cwd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'subtodo-eval.yaml:4: concurency: unknown key (did you mean "concurrency"?)',
      'prompts/v1.yaml:3: format: must be one of xml, json, json-items, chat (got "html")',
      'cases/a.yaml:6: expect.type: must be one of answer, question, invalid (got "questoin"); did you mean "question"?',
    ]);
  });

  it('locates mistakes in a --config file in another folder by its path', async () => {
    const cwd = writeProject({ 'subtodo-eval.yaml': null, 'ci/eval.yaml': 'prompts: ../prompts/*.yaml\ncases: ../cases/*.yaml\nrepeat: 0\n' });
    const r = await runCli(['validate', '--config', 'ci/eval.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ci/eval.yaml:3: repeat: must be at least 1\n');
  });

  it('reports a missing --config as a user error', async () => {
    const r = await runCli(['validate', '--config', 'nowhere.yaml'], writeProject());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nowhere.yaml: config file not found (check the --config path)\n');
  });

  it('prints the ok: line and exits 0 on a clean project', async () => {
    const r = await runCli(['validate'], writeProject());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok: subtodo-eval.yaml — 1 variants (0 examples), 2 cases in 1 files, 1 target(s): mock\n');
  });

  it('checks only the --cases given', async () => {
    const cwd = writeProject({ 'more/b.yaml': '- id: b1\n  input: 청소\n  expect: { type: answer }\n' });
    const r = await runCli(['validate', '--cases', 'more/b.yaml'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: subtodo-eval\.yaml — 1 variants \(0 examples\), 1 cases in 1 files,/);
  });
});

describe('bad usage exits 2 with a clear message', () => {
  it.each([
    ['run --repeat 0', ['run', '--repeat', '0'], /^error: option '--repeat <n>' argument '0' is invalid\. expected a whole number ≥ 1, got "0"$/m],
    ['run --concurrency 1.5', ['run', '--concurrency', '1.5'], /expected a whole number ≥ 1, got "1\.5"/],
    ['an unknown option', ['validate', '--bogus'], /^error: unknown option '--bogus'$/m],
    ['an unknown command', ['valdate'], /^error: unknown command 'valdate'/m],
  ])('%s', async (_name, argv, message) => {
    const cwd = writeProject();
    const r = await runCli(argv, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });
});
