import { chmodSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG, makeProject, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const GOOD_CASES = '- id: move\n  input: 이사 준비하기\n  expect: { type: answer }\n';
const RUBRIC = (body: string) => `${CONFIG}rubric:\n${body}`;

interface BadInput {
  name: string;
  /** Files that replace or add to a good project. */
  files: Record<string, string>;
  argv?: string[];
  /** Every line printed; each must name its file (and line, where the file has one). */
  lines: RegExp[];
}

const TABLE: BadInput[] = [
  { name: 'config: broken YAML', files: { 'subtodo-eval.yaml': 'prompts: [prompts/*.yaml\ncases: cases/*.yaml\n' }, lines: [/^subtodo-eval\.yaml:\d+: .*(flow|collection|YAML)/i] },
  { name: 'config: wrong type', files: { 'subtodo-eval.yaml': `${CONFIG}repeat: twice\n` }, lines: [/^subtodo-eval\.yaml:4: repeat: .*number/i] },
  { name: 'config: unknown key', files: { 'subtodo-eval.yaml': `${CONFIG}concurency: 3\n` }, lines: [/^subtodo-eval\.yaml:4: concurency: unknown key/] },
  { name: 'config: missing --config file', files: {}, argv: ['--config', 'nope.yaml'], lines: [/^nope\.yaml: .*(not found|no such file|cannot read)/i] },
  { name: 'config: prompts glob matches nothing', files: { 'subtodo-eval.yaml': 'prompts: prompt/*.yaml\ncases: cases/*.yaml\n' }, lines: [/^subtodo-eval\.yaml:1: prompts: no prompt variants found \(check the `prompts` globs\)$/] },
  { name: 'cases: empty corpus', files: { 'cases/a.yaml': '[]\n' }, lines: [/^subtodo-eval\.yaml:2: cases: no cases found: the corpus is empty/] },
  { name: 'cases: broken YAML', files: { 'cases/a.yaml': '- id: move\n\tinput: 이사\n' }, lines: [/^cases\/a\.yaml:2: /] },
  { name: 'cases: wrong expected type', files: { 'cases/a.yaml': '- id: move\n  input: 이사 준비하기\n  expect: { type: answr }\n' }, lines: [/^cases\/a\.yaml:3: expect\.type: must be one of answer, question, invalid \(got "answr"\)/] },
  { name: 'cases: missing input', files: { 'cases/a.yaml': '- id: move\n  expect: { type: answer }\n' }, lines: [/^cases\/a\.yaml:1: input: .*(required|missing)/i] },
  {
    name: 'cases: duplicate id',
    files: { 'cases/a.yaml': `${GOOD_CASES}${GOOD_CASES}` },
    lines: [/^cases\/a\.yaml:4: id: duplicate case id "move" \(first at cases\/a\.yaml:1\)/],
  },
  { name: 'variant: template without {{todo}}', files: { 'prompts/plain.yaml': 'id: plain\nsystem: 플래너\nformat: xml\ntemplate: "할 일을 나누세요"\n' }, lines: [/^prompts\/plain\.yaml:4: template: must contain \{\{todo\}\}/] },
  { name: 'variant: unknown format', files: { 'prompts/plain.yaml': 'id: plain\nsystem: 플래너\nformat: html\n' }, lines: [/^prompts\/plain\.yaml:3: format: must be one of xml, json, json-items, chat \(got "html"\)/] },
  { name: 'variant: empty file', files: { 'prompts/plain.yaml': '' }, lines: [/^prompts\/plain\.yaml(:1)?: .*(empty|expected)/i] },
  { name: 'variant: duplicate id', files: { 'prompts/other.yaml': 'id: plain\nsystem: 다른 플래너\nformat: xml\n' }, lines: [/^prompts\/plain\.yaml:1: id: duplicate variant id "plain" \(first at prompts\/other\.yaml:1\)/] },
  { name: 'rubric: unknown criterion', files: { 'subtodo-eval.yaml': RUBRIC('  criteria:\n    - { name: vibes, weight: 1 }\n') }, lines: [/^subtodo-eval\.yaml:6: rubric\.criteria\[0\]\.name: must be one of schema, type, .* \(got "vibes"\)/] },
  { name: 'rubric: negative weight', files: { 'subtodo-eval.yaml': RUBRIC('  criteria:\n    - { name: type, weight: -1 }\n') }, lines: [/^subtodo-eval\.yaml:6: rubric\.criteria\[0\]\.weight: must be at least 0$/] },
  { name: 'rubric: pass threshold above 1', files: { 'subtodo-eval.yaml': RUBRIC('  passThreshold: 7\n') }, lines: [/^subtodo-eval\.yaml:5: rubric\.passThreshold: must be at most 1$/] },
  { name: 'config: a folder where the file should be (unreadable)', files: {}, argv: ['--config', 'cases'], lines: [/^cases: .*(EISDIR|directory|cannot read)/i] },
  { name: 'cases: --cases names a dangling symlink (unreadable)', files: {}, argv: ['--cases', 'cases/b.yaml'], lines: [/^--cases: no files match cases\/b\.yaml$/] },
];

let root: string;
afterEach(() => {
  if (existsSync(join(root, 'cases', 'c.yaml'))) chmodSync(join(root, 'cases', 'c.yaml'), 0o644);
  removeProject(root);
});

describe.each(['run', 'validate'])('bad input, `%s`: one clear located line per mistake, exit 2, no stack, nothing written', (command) => {
  it.each(TABLE)('$name', async ({ name, files, argv, lines }) => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': GOOD_CASES, ...files });
    if (name.includes('symlink')) symlinkSync(join(root, 'cases', 'gone.yaml'), join(root, 'cases', 'b.yaml'));
    const r = await runCli([command, ...(argv ?? [])], { cwd: root, env: {} });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const printed = r.stderr.trimEnd().split('\n');
    expect(printed).toHaveLength(lines.length);
    printed.forEach((line, i) => expect(line).toMatch(lines[i] as RegExp));
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(root, 'reports'))).toBe(false);
  });
});

describe('a file the user cannot read', () => {
  it.skipIf(process.getuid?.() === 0)('names the file and the reason (not as root, which reads anything)', async () => {
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': GOOD_CASES, 'cases/c.yaml': GOOD_CASES.replace('move', 'other') });
    chmodSync(join(root, 'cases', 'c.yaml'), 0o000);
    const r = await runCli(['run'], { cwd: root, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^cases\/c\.yaml: .*(permission|EACCES)/i)]);
  });
});
