import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG, makeProject, onlyRunDir, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

let root: string;
afterEach(() => removeProject(root));

describe('init <dir>', () => {
  it('scaffolds a project that validates and runs on the mock', async () => {
    root = mkdtempSync(join(tmpdir(), 'ste-e2e-'));
    const init = await runCli(['init', 'proj'], { cwd: root, env: {} });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('cd proj');
    const dir = join(root, 'proj');
    for (const name of ['subtodo-eval.yaml', 'prompts', 'cases']) expect(existsSync(join(dir, name)), name).toBe(true);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^reports\/\n\.cache\/$/m);
    // The editor line points at a schema that is there, and is the tool's own.
    const schemaRef = /\$schema=(\S+)/.exec(readFileSync(join(dir, 'subtodo-eval.yaml'), 'utf8'))?.[1] ?? '';
    expect(readFileSync(join(dir, schemaRef), 'utf8')).toBe(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'config.schema.json'), 'utf8'));

    const validate = await runCli(['validate'], { cwd: dir, env: {} });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^ok: subtodo-eval\.yaml — \d+ variants/);

    const run = await runCli(['run', '--quiet'], { cwd: dir, env: {} });
    const runDir = onlyRunDir(dir);
    expect(run).toEqual({ code: 0, stdout: `${relative(dir, runDir)}\n`, stderr: '' });
    for (const name of ['results.jsonl', 'summary.json', 'report.md', 'report.html']) expect(existsSync(join(runDir, name)), name).toBe(true);
    const summary = readSummary(runDir);
    expect(summary).toMatchObject({ complete: true, simulated: true });
    expect(readResults(runDir).length).toBe(summary.cells.reduce((n, c) => n + c.calls, 0));
    // The whole shipped project on the mock (every variant × every case): about 20 s on a 2-core machine.
  }, 60_000);

  it('--force keeps a .gitignore the user already has', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, '.gitignore': 'node_modules/\n' });
    expect((await runCli(['init', '.', '--force'], { cwd: root, env: {} })).code).toBe(0);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('node_modules/\n');
  });

  it('into a folder that already has a config: exits 2 and leaves it alone', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG });
    const r = await runCli(['init', '.'], { cwd: root, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already has subtodo-eval\.yaml; .*--force/);
    expect(readFileSync(join(root, 'subtodo-eval.yaml'), 'utf8')).toBe(CONFIG);
    expect(existsSync(join(root, 'prompts'))).toBe(false);
  });
});

const CASES = ['- id: move', '  input: 다음 달 이사 준비하기', '  expect: { type: answer }', '  history:', '    - { role: user, content: 이사 도와줘 }', '    - { role: assistant, content: 언제 이사하나요? }', ''].join('\n');
const CHAT_VARIANT = [
  'id: chat-shots',
  'system: 당신은 플래너입니다.',
  'format: chat',
  'examples:',
  '  - { input: 장보기, output: { type: answer, items: [목록 쓰기, 마트 가기] } }',
  '',
].join('\n');

describe('render <variant> <case>', () => {
  it('prints the system prompt and the user message holding the case input', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
    const r = await runCli(['render', 'json-shots', 'move'], { cwd: root, env: {} });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^── system ──\n하위 투두를 JSON으로만 답하세요\.\n/);
    // A multi-turn case as the app sent it: the template around the first to-do, then the follow-up as typed.
    const sections = r.stdout.split(/^── /m).slice(1);
    expect(sections.map((s) => s.split(' ──')[0])).toEqual(['system', 'user', 'assistant', 'user']);
    expect(sections[1]).toContain('할 일: 이사 도와줘');
    expect(sections[1]).toContain('파이썬 스크립트 짜줘');
    expect(sections.at(-1)).toBe('user ──\n다음 달 이사 준비하기\n');
  });

  it('shows chat examples as their own turns', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, 'prompts/chat.yaml': CHAT_VARIANT, 'cases/a.yaml': CASES });
    const r = await runCli(['render', 'chat-shots', 'move'], { cwd: root, env: {} });
    expect(r.code).toBe(0);
    const roles = [...r.stdout.matchAll(/^── (\w+)/gm)].map((m) => m[1]);
    expect(roles).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(r.stdout).toMatch(/── user ──\n장보기/);
    expect(r.stdout.trimEnd().endsWith('다음 달 이사 준비하기')).toBe(true);
  });

  it.each([
    [['render', 'nope', 'move'], /unknown variant "nope" \(known: json-shots, plain\)/],
    [['render', 'plain', 'nope'], /unknown case "nope"/],
  ])('%j exits 2', async (argv, message) => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
    const r = await runCli(argv, { cwd: root, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
