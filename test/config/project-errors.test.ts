import { describe, expect, it } from 'vitest';
import { CASES, CONFIG, FEW_SHOT, VARIANT, expectProblems, loadFailure, writeProject, type ErrorRow } from './project-fixture.ts';

const rows: ErrorRow[] = [
  // Variants and few-shot sets.
  {
    name: 'a template without {{todo}}',
    files: { 'prompts/v1.yaml': 'id: v1\ntemplate: |-\n  예시: {{examples}}\n' },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:2: template: must contain {{todo}}, where the to-do goes'],
  },
  {
    name: 'a missing few-shot file, named on the variant\'s line',
    files: { 'prompts/v1.yaml': `${VARIANT}examples: examples/seed.yaml\n` },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:5: examples: few-shot file "examples/seed.yaml" not found (looked for prompts/examples/seed.yaml; the path is relative to this variant file)'],
  },
  {
    name: 'a missing few-shot file on a matrix axis',
    files: {
      'prompts/m.yaml': 'id: m\nmatrix:\n  examples:\n    few: examples/few.yaml\n    many: examples/many.yaml\n',
      'prompts/examples/few.yaml': FEW_SHOT,
    },
    code: 'INVALID_INPUT',
    lines: ['prompts/m.yaml:5: matrix.examples.many: few-shot file "examples/many.yaml" not found (looked for prompts/examples/many.yaml; the path is relative to this variant file)'],
  },
  {
    name: 'few-shot outputs that are not valid replies',
    files: {
      'prompts/v1.yaml': `${VARIANT}examples: examples/few.yaml\n`,
      'prompts/examples/few.yaml': `${FEW_SHOT}- input: 여행\n  output: { type: questions, items: [어디로?] }\n- input: 안녕\n  output:\n    type: invalid\n- input: 청소\n  output: { type: answer, items: [] }\n`,
    },
    code: 'INVALID_INPUT',
    lines: [
      'prompts/examples/few.yaml:6: output.type: must be one of answer, question, invalid (got "questions"); did you mean "question"?',
      'prompts/examples/few.yaml:8: output.message: is required (string)',
      'prompts/examples/few.yaml:11: output.items: needs at least 1 item(s)',
    ],
  },
  {
    name: 'a few-shot set where the prompts glob finds it',
    files: { 'prompts/v1.yaml': `${VARIANT}examples: few.yaml\n`, 'prompts/few.yaml': FEW_SHOT },
    code: 'INVALID_INPUT',
    lines: ['prompts/few.yaml:1: is a list, not a prompt variant (a few-shot set? keep those where the `prompts` globs do not reach, e.g. prompts/examples/)'],
  },
  // Cross-file rules.
  {
    name: 'the same case id in two files (both places named)',
    files: { 'cases/b.yaml': '- id: c9\n  input: 운동\n  expect: { type: question }\n- id: c2\n  input: 여행 계획\n  expect: { type: question }\n' },
    code: 'INVALID_INPUT',
    lines: ['cases/b.yaml:4: id: duplicate case id "c2" (first at cases/a.yaml:4)'],
  },
  {
    name: 'the same variant id in two files',
    files: { 'prompts/v2.yaml': `# a copy\n${VARIANT}` },
    code: 'INVALID_INPUT',
    lines: ['prompts/v2.yaml:2: id: duplicate variant id "v1" (first at prompts/v1.yaml:1)'],
  },
  {
    name: 'a matrix expansion colliding with a plain variant',
    files: { 'prompts/a-matrix.yaml': 'id: v1\nmatrix:\n  format: [xml, json]\n', 'prompts/v1-json.yaml': VARIANT.replace('id: v1', 'id: v1-json') },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1-json.yaml:1: id: duplicate variant id "v1-json" (first made by the matrix in prompts/a-matrix.yaml:1)'],
  },
  {
    name: 'a cases glob that matches no file',
    files: { 'subtodo-eval.yaml': 'prompts: prompts/*.yaml\ncases: corpus/*.yaml\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:2: cases: no cases found: the corpus is empty (check the `cases` globs)'],
  },
  {
    name: 'case files that hold no case',
    files: { 'cases/a.yaml': '[]\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:2: cases: no cases found: the corpus is empty (check the `cases` globs)'],
  },
  {
    name: 'no prompt files (default glob, so no line to point at)',
    files: { 'subtodo-eval.yaml': 'cases: cases/*.yaml\n', 'prompts/v1.yaml': null },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml: prompts: no prompt variants found (check the `prompts` globs)'],
  },
  {
    name: 'no config file and nothing where the defaults look',
    files: { 'subtodo-eval.yaml': null, 'cases/a.yaml': null },
    code: 'INVALID_CONFIG',
    lines: [
      '(built-in defaults): cases: no cases found: the corpus is empty (nothing matches the default cases/*.yaml and there is no subtodo-eval.yaml here: pass --config, or run `subtodo-eval init`)',
    ],
  },
  {
    name: '--cases files that hold no case',
    files: { 'more/b.yaml': '[]\n' },
    options: { cases: ['more/*.yaml'] },
    code: 'INVALID_INPUT',
    lines: ['--cases: no cases found: the corpus is empty (check the --cases paths)'],
  },
  // Files that are not what they should be.
  {
    name: 'a case file that is a mapping instead of a list',
    files: { 'cases/a.yaml': 'id: c1\ninput: 보고서 쓰기\nexpect: { type: answer }\n' },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:1: must be a list of cases (each item starts with "- id: …")'],
  },
  {
    name: 'an empty case file and a variant file of comments only',
    files: { 'cases/b.yaml': '', 'prompts/v2.yaml': '# nothing yet\n' },
    code: 'INVALID_INPUT',
    lines: ['prompts/v2.yaml:1: file is empty', 'cases/b.yaml:1: file is empty (expected a list of cases)'],
  },
  {
    name: 'a case file that is not UTF-8',
    files: { 'cases/b.yaml': new Uint8Array([0xff, 0xfe, 0x00]) },
    code: 'INVALID_INPUT',
    lines: ['cases/b.yaml: is not UTF-8 text (it looks like UTF-16): save it as UTF-8'],
  },
  {
    name: 'a variant file in Latin-1',
    files: { 'prompts/v1.yaml': new Uint8Array([...Buffer.from('id: v1\ndescription: caf'), 0xe9, 0x0a]) },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml: is not UTF-8 text: save it as UTF-8'],
  },
  // Flags.
  {
    name: '--config pointing at a missing file',
    files: {},
    options: { configPath: 'conf/missing.yaml' },
    code: 'CONFIG_NOT_FOUND',
    lines: ['conf/missing.yaml: config file not found (check the --config path)'],
  },
  {
    name: '--variants naming an unknown variant',
    files: {},
    options: { variants: ['v1', 'seed-*'] },
    code: 'INVALID_INPUT',
    lines: ['--variants: unknown variant "seed-*" (known: v1)'],
  },
  {
    name: '--targets naming an unknown provider',
    files: {},
    options: { targets: ['mock', 'gemini:pro'] },
    code: 'INVALID_INPUT',
    lines: ['--targets: unknown provider "gemini" in target "gemini:pro" (use openai, anthropic, mock, e.g. openai:gpt-4.1-mini)'],
  },
  {
    name: '--variants with a typo',
    files: {},
    options: { variants: ['v2'] },
    code: 'INVALID_INPUT',
    lines: ['--variants: unknown variant "v2" (did you mean "v1"? known: v1)'],
  },
  {
    name: '--targets with a typo in the provider',
    files: {},
    options: { targets: ['opneai:gpt-4.1-mini'] },
    code: 'INVALID_INPUT',
    lines: ['--targets: unknown provider "opneai" in target "opneai:gpt-4.1-mini" (did you mean "openai"? use openai, anthropic, mock)'],
  },
  {
    name: 'target typos reported with every other mistake of the config',
    files: {
      'subtodo-eval.yaml': `${CONFIG.replace('targets: [mock]\n', '')}targets:\n  - opneai:gpt-4.1-mini\n  - { id: x, provider: antropic, model: m }\nconcurency: 4\n`,
    },
    code: 'INVALID_CONFIG',
    lines: [
      'subtodo-eval.yaml:4: targets[0]: unknown provider "opneai" in target "opneai:gpt-4.1-mini" (did you mean "openai"? use openai, anthropic, mock)',
      'subtodo-eval.yaml:5: targets[1].provider: must be one of openai, anthropic, mock (got "antropic"); did you mean "anthropic"?',
      'subtodo-eval.yaml:6: concurency: unknown key (did you mean "concurrency"?)',
    ],
  },
  {
    name: '--cases matching nothing',
    files: {},
    options: { cases: ['corpus/*.yaml'] },
    code: 'INVALID_INPUT',
    lines: ['--cases: no files match corpus/*.yaml'],
  },
  // Everything at once: a config mistake does not hide the others.
  {
    name: 'one mistake each in the config, a variant and a case file',
    files: {
      'subtodo-eval.yaml': `${CONFIG}concurency: 4\n`,
      'prompts/v1.yaml': VARIANT.replace('format: xml', 'format: html'),
      'cases/a.yaml': CASES.replace('type: question', 'type: questoin'),
    },
    code: 'INVALID_INPUT',
    lines: [
      'subtodo-eval.yaml:4: concurency: unknown key (did you mean "concurrency"?)',
      'prompts/v1.yaml:3: format: must be one of xml, json, json-items, chat (got "html")',
      'cases/a.yaml:6: expect.type: must be one of answer, question, invalid (got "questoin"); did you mean "question"?',
    ],
  },
];

describe('loadProject locates mistakes across files, in files and in flags', () => {
  it.each(rows)('$name', async ({ files, options, code, lines }) => {
    const error = await loadFailure(writeProject(files), options);
    expect(error.code).toBe(code);
    expectProblems(error, lines);
  });
});


describe('loadProject keeps a broken config from hiding or inventing mistakes', () => {
  it('does not look for files with the default glob when the `cases` glob is wrong', async () => {
    // `cases/*.yaml` exists and is broken, but the config never asked for it.
    const dir = writeProject({ 'subtodo-eval.yaml': 'cases: 7\n', 'cases/a.yaml': 'id: not a list\n' });
    expectProblems(await loadFailure(dir), ['subtodo-eval.yaml:1: cases: must be a string or a list (got number 7)']);
  });

  it('stops at broken YAML in the config without reading the rest', async () => {
    const dir = writeProject({ 'subtodo-eval.yaml': 'repeat: [1\n', 'cases/a.yaml': 'id: not a list\n' });
    const error = await loadFailure(dir);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.problems.map((p) => p.file)).toEqual(['subtodo-eval.yaml']);
  });
});
