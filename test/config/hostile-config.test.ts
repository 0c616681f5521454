import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS } from '../../src/config/case-schema.ts';
import { loadProject } from '../../src/config/load-project.ts';
import { parseTarget } from '../../src/config/parse-target.ts';
import { MAX_YAML_FILE_BYTES } from '../../src/config/read-yaml-file.ts';
import { CONFIG, VARIANT, expectProblems, loadFailure, writeProject } from './project-fixture.ts';

const dirs: string[] = [];
function project(files: Parameters<typeof writeProject>[0]): string {
  const dir = writeProject(files);
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('paths a config writes stay in the project folder', () => {
  it('refuses a few-shot path that climbs out, and does not read the file', async () => {
    const dir = project({ 'prompts/v1.yaml': `${VARIANT}examples: ../../../../../../../../etc/passwd\n` });
    const error = await loadFailure(dir);
    expectProblems(error, ['prompts/v1.yaml:5: examples: few-shot file "../../../../../../../../etc/passwd" leads outside the project folder; write it as an absolute path if you mean it']);
    expect(error.message).not.toContain('root:');
  });

  it('refuses `prompts`, `cases` and `out` globs that climb out', async () => {
    const dir = project({ 'subtodo-eval.yaml': 'prompts: prompts/*.yaml\ncases: ["cases/*.yaml", "../*/cases/*.yaml"]\nout: ../elsewhere\n' });
    const error = await loadFailure(dir);
    expectProblems(error, [
      'subtodo-eval.yaml:2: cases: path "../*/cases/*.yaml" leads outside the project folder; write it as an absolute path if you mean it',
      'subtodo-eval.yaml:3: out: path "../elsewhere" leads outside the project folder; write it as an absolute path if you mean it',
    ]);
  });

  it('takes an absolute path as meant', async () => {
    const shared = project({ 'shots.yaml': '- input: 장보기\n  output: { type: answer, items: [목록 쓰기, 마트 가기] }\n' });
    const dir = project({ 'prompts/v1.yaml': `${VARIANT}examples: ${join(shared, 'shots.yaml')}\n` });
    const loaded = await loadProject({ cwd: dir });
    expect(loaded.variants[0]?.examples).toHaveLength(1);
  });
});

describe('messages quote values short', () => {
  it('an absolute path to a file that is not a few-shot set shows an excerpt of it, never the file', async () => {
    const secret = project({ 'secret.txt': `${'TOKEN=abcdefghijklmnop '.repeat(5000)}\n` });
    const dir = project({ 'prompts/v1.yaml': `${VARIANT}examples: ${join(secret, 'secret.txt')}\n` });
    const error = await loadFailure(dir);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toMatch(/must be a list \(got string "TOKEN=abcdefghijklmnop .*…\)$/);
  });
});

describe('input limits', () => {
  it('refuses a YAML file over the size limit before parsing it', async () => {
    const line = '- { id: c0, input: "할 일", expect: { type: answer } }\n';
    const dir = project({ 'cases/big.yaml': line.repeat(Math.ceil((MAX_YAML_FILE_BYTES + 1) / Buffer.byteLength(line))) });
    const started = process.cpuUsage();
    const error = await loadFailure(dir);
    const used = process.cpuUsage(started);
    expect(error.message).toMatch(/^cases\/big\.yaml: is 2\.0 MB; the limit is 2\.0 MB per file: split it into several files$/m);
    // Refused from its size alone: parsing two megabytes of YAML takes seconds.
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });

  it('refuses a to-do longer than the input limit, naming the case', async () => {
    const dir = project({ 'cases/a.yaml': `- id: long\n  input: "${'가'.repeat(MAX_INPUT_CHARS + 1)}"\n  expect: { type: answer }\n` });
    expectProblems(await loadFailure(dir), [`cases/a.yaml:2: input: is too long: at most ${MAX_INPUT_CHARS} characters`]);
  });
});

describe('target ids', () => {
  it('must be printable: controls, escape sequences and bidi characters are refused in the config and on the command line', async () => {
    const dir = project({ 'subtodo-eval.yaml': `${CONFIG.replace('targets: [mock]\n', '')}targets:\n  - { provider: openai, model: m, id: "evil\\u001b]0;title\\u0007" }\n  - { provider: openai, model: "m\\u202ex" }\n` });
    expectProblems(await loadFailure(dir), [
      'subtodo-eval.yaml:4: targets[0].id: printable characters only (no control, invisible or bidi characters)',
      'subtodo-eval.yaml:5: targets[1].model: printable characters only (no control, invisible or bidi characters)',
    ]);
    const flag = parseTarget('openai:gpt\u001b[2J');
    expect(flag).toEqual({ ok: false, message: 'target "openai:gpt\\u{1b}[2J": printable characters only (no control, invisible or bidi characters)' });
  });
});

describe('a case file replaced while loading', () => {
  it('is read once its size is known (a file that grows past the limit is refused, not read)', async () => {
    const dir = project({});
    writeFileSync(join(dir, 'cases', 'a.yaml'), Buffer.alloc(MAX_YAML_FILE_BYTES + 10, 0x20));
    expect((await loadFailure(dir)).message).toMatch(/cases\/a\.yaml: is 2\.0 MB; the limit is 2\.0 MB per file/);
  });
});
