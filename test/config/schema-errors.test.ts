import { describe, expect, it } from 'vitest';
import { CASES, CONFIG, VARIANT, UNKNOWN_KEY, expectProblems, loadFailure, writeProject, type ErrorRow } from './project-fixture.ts';

/** A small judge rubric file: dimensions 8–9 lines down, so the expected line numbers stay put. */
function judgeRubricYaml(dimensions: { answer: string[]; question: string[]; invalid: string[] }): string {
  const list = (items: string[]) => (items.length === 0 ? ' []' : items.map((d) => `\n    - ${d}`).join(''));
  return [
    'id: mine',
    'instructions: 채점하세요',
    'outputInstructions: JSON으로만',
    'labels: { todo: 할 일, history: 대화, expected: 유형, reference: 참고, reply: 응답, extra: 추가, user: 사용자, assistant: AI }',
    'types: { answer: 답, question: 질문, invalid: 거절 }',
    'dimensions:',
    `  answer:${list(dimensions.answer)}`,
    `  question:${list(dimensions.question)}`,
    `  invalid:${list(dimensions.invalid)}`,
    'pairwise: { instructions: 고르세요, outputInstructions: "{{format}}" }',
    '',
  ].join('\n');
}

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
  // Aliases: yaml throws on these while building values, without a position of its own.
  {
    name: 'an alias with no anchor in a case (a "*" meant as text)',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 급한 일 처리\n  expect: { type: answer, mentions: [*급함] }\n` },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:9: bad YAML: unknown alias *급함 (set the anchor &급함 before it, or quote the text if "*급함" is meant literally)'],
  },
  {
    name: 'an alias with no anchor in the config',
    files: { 'subtodo-eval.yaml': `${CONFIG}out: *nope\n` },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:4: bad YAML: unknown alias *nope (set the anchor &nope before it, or quote the text if "*nope" is meant literally)'],
  },
  {
    name: 'an alias bomb (aliases of aliases), shown where the nesting starts',
    files: { 'subtodo-eval.yaml': `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: &c [${'*b, '.repeat(9)}*b]\nd: [${'*c, '.repeat(9)}*c]\n` },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:3: bad YAML: aliases expand to too many copies (over 100 of one anchor; aliases inside aliases multiply): write the values out'],
  },
  {
    name: 'one anchor used 100 times (101 copies), shown at the use past the limit',
    files: { 'cases/a.yaml': `- id: c0\n  input: 정리\n  expect: { type: answer }\n  tags: &t [home]\n${Array.from({ length: 100 }, (_, i) => `- id: c${i + 1}\n  input: 정리\n  expect: { type: answer }\n  tags: *t\n`).join('')}` },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:404: bad YAML: aliases expand to too many copies (over 100 of one anchor; aliases inside aliases multiply): write the values out'],
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
    lines: ['subtodo-eval.yaml:4: concurency: unknown key (did you mean "concurrency"?)'],
  },
  {
    name: 'a typo inside a rubric criterion',
    files: { 'subtodo-eval.yaml': `${CONFIG}rubric:\n  criteria:\n    - { name: schema }\n    - name: type\n      weigth: 2\n` },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:8: rubric.criteria[1].weigth: unknown key (did you mean "weight"?)'],
  },
  {
    name: 'an unknown key inside a case\'s expect',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 이사\n  expect:\n    type: answer\n    mention: [짐]\n` },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:11: expect.mention: unknown key (did you mean "mentions"?)'],
  },
  {
    name: 'an unknown key in a variant',
    files: { 'prompts/v1.yaml': `${VARIANT}temprature: 0\n` },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:5: temprature: unknown key (did you mean "params.temperature"?)'],
  },
  {
    name: 'an unknown key with nothing close to it',
    files: { 'subtodo-eval.yaml': `${CONFIG}banana: 4\n` },
    code: 'INVALID_CONFIG',
    lines: [`subtodo-eval.yaml:4: banana: ${UNKNOWN_KEY}`],
  },
  // Values no reply or template could satisfy.
  {
    name: 'minItems above maxItems',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 이사\n  expect: { type: answer, minItems: 5, maxItems: 3 }\n` },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:9: expect.minItems: is more than maxItems (5 > 3): no reply could pass'],
  },
  {
    name: 'acceptable listing the expected type itself',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 이사\n  expect: { type: answer, acceptable: [answer] }\n` },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:9: expect.acceptable: lists "answer", the expected type itself: name only the other types that are also right'],
  },
  {
    name: 'a template placeholder that does not exist',
    files: { 'prompts/v1.yaml': VARIANT.replace('{{examples}}', '{{exampels}}') },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:4: template: unknown placeholder {{exampels}} (did you mean "examples"?): only {{todo}} and {{examples}} are filled in'],
  },
  {
    name: 'a placeholder with spaces inside the braces',
    files: { 'prompts/v1.yaml': VARIANT.replace('{{examples}}', '{{ todo }}') },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:4: template: write {{todo}} without spaces inside the braces (got {{ todo }}), or it is sent as written'],
  },
  // Unknown enum values.
  {
    name: 'expect.type: answr',
    files: { 'cases/a.yaml': `${CASES}- id: c3\n  input: 이사\n  expect:\n    type: answr\n` },
    code: 'INVALID_INPUT',
    lines: ['cases/a.yaml:10: expect.type: must be one of answer, question, invalid (got "answr"); did you mean "answer"?'],
  },
  {
    name: 'format: html',
    files: { 'prompts/v1.yaml': VARIANT.replace('format: xml', 'format: html') },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:3: format: must be one of xml, json, json-items, chat (got "html")'],
  },
  {
    name: 'an unknown criterion name',
    files: { 'subtodo-eval.yaml': `${CONFIG}rubric:\n  criteria:\n    - name: schema\n    - name: vibes\n` },
    code: 'INVALID_CONFIG',
    lines: [
      'subtodo-eval.yaml:7: rubric.criteria[1].name: must be one of schema, type, count, unique, echo, action, fragments, relevance, topic, length, language, question_form, refusal, mentions, forbid, judge (got "vibes")',
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
    name: 'target objects without a model (only mock may leave it out)',
    files: { 'subtodo-eval.yaml': 'targets:\n  - { id: sim, provider: mock }\n  - { provider: openai }\n  - id: claude\n    provider: anthropic\njudge: { provider: openai }\n' },
    code: 'INVALID_CONFIG',
    lines: [
      'subtodo-eval.yaml:3: targets[1].model: is required for provider openai',
      'subtodo-eval.yaml:4: targets[2].model: is required for provider anthropic',
      'subtodo-eval.yaml:6: judge.model: is required for provider openai',
    ],
  },
  {
    name: 'an rpm under 1 and a fractional tpm',
    files: { 'subtodo-eval.yaml': 'targets:\n  - provider: openai\n    model: gpt-4.1-mini\n    rpm: 0\n    tpm: 1.5\n' },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:4: targets[0].rpm: must be at least 1', 'subtodo-eval.yaml:5: targets[0].tpm: must be a whole number (got number 1.5)'],
  },
  {
    name: 'a null param in a variant (only a target may drop one)',
    files: { 'prompts/v1.yaml': `${VARIANT}params: { temperature: null }\n` },
    code: 'INVALID_INPUT',
    lines: ['prompts/v1.yaml:5: params.temperature: must be a number (got null)'],
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
  {
    name: 'two judge criteria (only the first would ever be asked)',
    files: {
      'subtodo-eval.yaml': `${CONFIG}judge: openai:gpt-4.1-mini\nrubric:\n  criteria:\n    - { name: judge, rubric: 구체적인가 }\n    - name: schema\n    - name: judge\n      rubric: 짧은가\n`,
    },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:9: rubric.criteria[2]: only one `judge` criterion is allowed (the first is rubric.criteria[0]): put everything the judge grades into its `rubric` text'],
  },
  {
    name: 'a judge target with no judge criterion to grade',
    files: { 'subtodo-eval.yaml': `${CONFIG}judge: openai:gpt-4.1-mini\n` },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:4: judge: judge target set but no judge criterion in rubric.criteria (add `{ name: judge }`, set `judge.pairwise`, or remove `judge:`)'],
  },
  {
    name: 'a judge target while the rubric itself is wrong (the default rubric is not blamed)',
    files: { 'subtodo-eval.yaml': `${CONFIG}judge: openai:gpt-4.1-mini\nrubric:\n  passThreshold: 2\n` },
    code: 'INVALID_CONFIG',
    lines: ['subtodo-eval.yaml:6: rubric.passThreshold: must be at most 1'],
  },
  // The judge's rubric file: checked like any input, each mistake on its line in that file.
  {
    name: 'a judge rubric file with mistakes',
    files: {
      'subtodo-eval.yaml': `${CONFIG}judge: { target: openai:gpt-4.1, rubric: judge/mine.yaml }\nrubric:\n  criteria: [{ name: judge }]\n`,
      'judge/mine.yaml': judgeRubricYaml({
        answer: ['{ id: specific, name: 구체성, question: 구체적인가?, anchors: { 2: 좋음, 1: 보통, 0: 나쁨 } }', '{ id: specific, name: 또, question: 또?, anchors: { 2: 좋음, 1: 보통 } }'],
        question: [],
        invalid: ['{ id: Refuses, name: 거절, question: 거절하나?, anchors: { 2: 좋음, 1: 보통, 0: 나쁨 } }'],
      }),
    },
    code: 'INVALID_INPUT',
    lines: [
      'judge/mine.yaml:9: dimensions.answer[1].anchors.0: is required (string)',
      'judge/mine.yaml:10: dimensions.question: needs at least 1 item(s)',
      'judge/mine.yaml:12: dimensions.invalid[0].id: use lower-case letters, digits and "_" (it is a JSON key in the verdict)',
    ],
  },
  {
    name: 'a judge rubric file whose dimensions repeat an id and whose output instructions leave out the format',
    files: {
      'subtodo-eval.yaml': `${CONFIG}judge: { target: openai:gpt-4.1, rubric: judge/mine.yaml }\nrubric:\n  criteria: [{ name: judge }]\n`,
      'judge/mine.yaml': judgeRubricYaml({
        answer: ['{ id: specific, name: 구체성, question: 구체적인가?, anchors: { 2: 좋음, 1: 보통, 0: 나쁨 } }', '{ id: specific, name: 또, question: 또?, anchors: { 2: 좋음, 1: 보통, 0: 나쁨 } }'],
        question: ['{ id: asks, name: 물음, question: 묻나?, anchors: { 2: 좋음, 1: 보통, 0: 나쁨 } }'],
        invalid: ['{ id: refuses, name: 거절, question: 거절하나?, anchors: { 2: 좋음, 1: 보통, 0: 나쁨 } }'],
      }),
    },
    code: 'INVALID_INPUT',
    lines: [
      'judge/mine.yaml:3: outputInstructions: must contain {{format}}, where the verdict\'s JSON shape goes',
      'judge/mine.yaml:9: dimensions.answer[1].id: duplicate dimension id "specific" (first at dimensions.answer[0])',
    ],
  },
  {
    name: 'a judge rubric file that is not there',
    files: { 'subtodo-eval.yaml': `${CONFIG}judge: { target: openai:gpt-4.1, rubric: judge/nope.yaml }\nrubric:\n  criteria: [{ name: judge }]\n` },
    code: 'INVALID_INPUT',
    lines: ['judge/nope.yaml: cannot read file (no such file)'],
  },
  // Matrix axis names become part of variant ids.
  {
    name: 'matrix axis names that would make ids unsafe in globs and lists',
    files: { 'prompts/m.yaml': 'id: m\nmatrix:\n  system: { "a,b": 짧게, ok: 길게 }\n  format:\n    "x*": xml\n' },
    code: 'INVALID_INPUT',
    lines: [
      'prompts/m.yaml:3: matrix.system: bad name "a,b": use letters, digits, ".", "_" or "-"',
      'prompts/m.yaml:5: matrix.format: bad name "x*": use letters, digits, ".", "_" or "-"',
    ],
  },
];

describe('loadProject locates syntax, type, key and value mistakes', () => {
  it.each(rows)('$name', async ({ files, options, code, lines }) => {
    const error = await loadFailure(writeProject(files), options);
    expect(error.code).toBe(code);
    expectProblems(error, lines);
  });
});

