import { describe, expect, it } from 'vitest';
import { CASES, CONFIG, VARIANT, UNKNOWN_KEY, expectProblems, loadFailure, writeProject, type ErrorRow } from './project-fixture.ts';

const rows: ErrorRow[] = [
  // YAML syntax: the line where the parser stopped, one line per mistake.
  {
    name: 'a tab used as indentation in the config',
    files: { 'subtodo-eval.yaml': 'repeat: 1\n\tconcurrency: 2\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:2: bad YAML: Tabs are not allowed as indentation'],
  },
  {
    name: 'a key written twice',
    files: { 'subtodo-eval.yaml': 'repeat: 1\nconcurrency: 2\nrepeat: 3\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:3: bad YAML: Map keys must be unique'],
  },
  {
    name: 'an indented key that trips two parser errors on one line',
    files: { 'subtodo-eval.yaml': 'repeat: 1\n  concurrency: 2\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:1: bad YAML: Nested mappings are not allowed in compact mappings'],
  },
  {
    name: 'an unclosed quote in a case file (found at the end, shown on the last line with text)',
    files: { 'cases/a.yaml': '- id: c1\n  input: "보고서 쓰기\n  expect: { type: answer }\n\n' },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:3: bad YAML: Missing closing "quote'],
  },
  // Wrong types.
  {
    name: 'wrong types in the config',
    files: { 'subtodo-eval.yaml': 'repeat: two\nconcurrency: 1.5\nprompts: 3\ntargets: mock\n' },
    code: 'INVALID_CONFIG',
    lines: [
      'subtodo-eval.yaml:1: repeat: must be a number (got string "two")',
      'subtodo-eval.yaml:2: concurrency: must be a whole number (got number 1.5)',
      'subtodo-eval.yaml:3: prompts: must be a string or a list (got number 3)',
      'subtodo-eval.yaml:4: targets: must be a list (got string "mock")',
    ],
  },
  {
    name: 'out-of-range numbers in the config',
    files: { 'subtodo-eval.yaml': 'repeat: 0\nrubric:\n  passThreshold: 1.5\n  criteria: []\n' },
    code: 'INVALID_CONFIG',
    lines: [
      'subtodo-eval.yaml:1: repeat: must be at least 1',
      'subtodo-eval.yaml:3: rubric.passThreshold: must be at most 1',
      'subtodo-eval.yaml:4: rubric.criteria: needs at least 1 item(s)',
    ],
  },
  {
    name: 'wrong types in a case',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 42\n  expect: answer\n- id: c4\n  tags: [x]\n  expect: { type: answer, minItems: -1 }\n` },
    code: 'INVALID_INPUT',
    lines: [
      'cases/a.yaml:8: input: must be a string (got number 42)',
      'cases/a.yaml:9: expect: must be a mapping (got string "answer")',
      'cases/a.yaml:10: input: is required (string)',
      'cases/a.yaml:12: expect.minItems: must be at least 0',
    ],
  },
  {
    name: 'a target that is a number',
    files: { 'subtodo-eval.yaml': 'targets:\n  - mock\n  - 3\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:3: targets[1]: must be a string or a mapping (got number 3)'],
  },
  {
    name: 'a config that is a list',
    files: { 'subtodo-eval.yaml': '- prompts/*.yaml\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:1: must be a mapping (got a list)'],
  },
  // Unknown keys.
  {
    name: 'a typo in a config key',
    files: { 'subtodo-eval.yaml': `${CONFIG}concurency: 4\n` },
    code: 'INVALID_CONFIG',
    lines: [`subtodo-eval.yaml:4: concurency: ${UNKNOWN_KEY}`],
  },
  {
    name: 'a typo inside a rubric criterion',
    files: { 'subtodo-eval.yaml': `${CONFIG}rubric:\n  criteria:\n    - { name: schema }\n    - name: type\n      weigth: 2\n` },
    code: 'INVALID_CONFIG',
    lines: [`subtodo-eval.yaml:8: rubric.criteria[1].weigth: ${UNKNOWN_KEY}`],
  },
  {
    name: 'an unknown key inside a case\'s expect',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 이사\n  expect:\n    type: answer\n    mention: [짐]\n` },
    code: 'INVALID_INPUT',
    lines: [`cases/a.yaml:11: expect.mention: ${UNKNOWN_KEY}`],
  },
  {
    name: 'an unknown key in a variant',
    files: { 'prompts/v1.yaml': `${VARIANT}temprature: 0\n` },
    code: 'INVALID_INPUT',
    lines: [`prompts/v1.yaml:5: temprature: ${UNKNOWN_KEY}`],
  },
  // Unknown enum values.
  {
    name: 'expect.type: answr',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 이사\n  expect:\n    type: answr\n` },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:10: expect.type: must be one of answer, question, invalid (got "answr")'],
  },
  {
    name: 'format: html',
    files: { 'prompts/v1.yaml': VARIANT.replace('format: xml', 'format: html') },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:3: format: must be one of xml, json, chat (got "html")'],
  },
  {
    name: 'an unknown criterion name',
    files: { 'subtodo-eval.yaml': `${CONFIG}rubric:\n  criteria:\n    - name: schema\n    - name: vibes\n` },
    code: 'INVALID_CONFIG',
    lines: [
      'subtodo-eval.yaml:7: rubric.criteria[1].name: must be one of schema, type, count, unique, length, language, mentions, forbid, question_form, judge (got "vibes")',
    ],
  },
  {
    name: 'an unknown provider in a target object',
    files: { 'subtodo-eval.yaml': 'targets:\n  - mock\n  - id: g\n    provider: gemini\n    model: pro\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:4: targets[1].provider: must be one of openai, anthropic, mock (got "gemini")'],
  },
  {
    name: 'an unknown provider in a provider:model string',
    files: { 'subtodo-eval.yaml': 'targets:\n  - mock\n  - gemini:pro\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:3: targets[1]: unknown provider "gemini" in target "gemini:pro" (use openai, anthropic, mock, e.g. openai:gpt-4.1-mini)'],
  },
  {
    name: 'a provider without a model, and the same target twice',
    files: { 'subtodo-eval.yaml': 'targets: [openai, mock, mock]\n' },
    code: 'INVALID_CONFIG',
    lines: [
      'subtodo-eval.yaml:1: targets[0]: target "openai" needs a model, e.g. openai:<model>',
      'subtodo-eval.yaml:1: targets[2]: duplicate target id "mock" (give one an `id`)',
    ],
  },
  {
    name: 'a judge criterion without a judge target',
    files: { 'subtodo-eval.yaml': `${CONFIG}rubric:\n  criteria:\n    - name: schema\n    - { name: judge, rubric: 구체적인가 }\n` },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:7: rubric.criteria[1]: a `judge` criterion needs a `judge` target (set `judge:` to a model, e.g. openai:gpt-4.1-mini)'],
  },
];

describe('loadProject locates syntax, type, key and value mistakes', () => {
  it.each(rows)('$name', async ({ files, options, code, lines }) => {
    const error = await loadFailure(writeProject(files), options);
    expect(error.code).toBe(code);
    expectProblems(error, lines);
  });
});

