import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/config-schema.ts';
import { BUILT_IN_DEFAULTS, loadProject } from '../../src/config/load-project.ts';
import { DEFAULT_CRITERIA } from '../../src/config/rubric-schema.ts';
import { CASES, CONFIG, FEW_SHOT, VARIANT, writeProject } from './project-fixture.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('loadProject on a valid project', () => {
  it('loads the config, variants, cases and targets with their defaults filled in', async () => {
    const cwd = writeProject({
      'subtodo-eval.yaml': 'targets:\n  - mock\n  - openai:gpt-4.1-mini\n  - { id: local, provider: openai, model: qwen2.5:7b, baseURL: "http://127.0.0.1:11434/v1" }\nrepeat: 3\n',
      'cases/b.yaml': '- id: c3\n  input: 이사 준비\n  expect: { type: answer, maxItems: 5 }\n  tags: [home]\n  lang: en\n',
    });
    const project = await loadProject({ cwd });
    expect(project.configFile).toBe('subtodo-eval.yaml');
    expect(project.root).toBe(cwd);
    expect(project.config.repeat).toBe(3);
    expect(project.config.concurrency).toBe(8);
    expect(project.variants.map((v) => v.id)).toEqual(['v1']);
    expect(project.variants[0]).toMatchObject({ system: '너는 플래너야.', format: 'xml', examples: [], description: '', params: {}, source: 'prompts/v1.yaml' });
    expect(project.cases.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(project.cases[0]).toMatchObject({ tags: [], lang: 'ko', history: [] });
    expect(project.cases[2]).toMatchObject({ tags: ['home'], lang: 'en', expect: { type: 'answer', maxItems: 5 } });
    expect(project.caseFiles).toEqual(['cases/a.yaml', 'cases/b.yaml']);
    expect(project.targets.map((t) => [t.id, t.provider, t.model])).toEqual([
      ['mock', 'mock', 'mock'],
      ['openai:gpt-4.1-mini', 'openai', 'gpt-4.1-mini'],
      ['local', 'openai', 'qwen2.5:7b'],
    ]);
    expect(project.targets[2]).toMatchObject({ baseURL: 'http://127.0.0.1:11434/v1', maxRetries: 4, throttleBudgetMs: 300_000, timeoutMs: 60_000, maxReplyBytes: 8_388_608, params: {} });
    expect(project.defaultedToMock).toBe(false);
    expect(project.judge).toBeUndefined();
  });

  it('expands a matrix into <id>-<system>-<examples>-<format>, in axis order', async () => {
    const cwd = writeProject({
      'prompts/m.yaml': [
        'id: abl',
        'description: 비교',
        'template: "{{todo}}"',
        'matrix:',
        '  system: { short: 짧게, long: 길게 }',
        '  examples: { none: [], seed: examples/seed.yaml }',
        '  format: [xml, json]',
        '',
      ].join('\n'),
      'prompts/examples/seed.yaml': FEW_SHOT,
    });
    const project = await loadProject({ cwd });
    const matrix = project.variants.filter((v) => v.source === 'prompts/m.yaml');
    expect(matrix.map((v) => v.id)).toEqual([
      'abl-short-none-xml',
      'abl-short-none-json',
      'abl-short-seed-xml',
      'abl-short-seed-json',
      'abl-long-none-xml',
      'abl-long-none-json',
      'abl-long-seed-xml',
      'abl-long-seed-json',
    ]);
    const longSeedJson = matrix[7];
    expect(longSeedJson).toMatchObject({ system: '길게', format: 'json', template: '{{todo}}', description: '비교 [long, seed, json]' });
    expect(longSeedJson?.examples.map((e) => e.input)).toEqual(['장보기', '파이썬 코드 짜줘']);
    expect(matrix[0]?.examples).toEqual([]);
  });

  it('names only the axes a matrix has, and takes a format map', async () => {
    const cwd = writeProject({ 'prompts/m.yaml': 'id: fmt\nsystem: 공통\nmatrix:\n  format: { tags: xml, turns: chat }\n' });
    const project = await loadProject({ cwd, variants: ['fmt-*'] });
    expect(project.variants.map((v) => [v.id, v.format, v.system])).toEqual([
      ['fmt-tags', 'xml', '공통'],
      ['fmt-turns', 'chat', '공통'],
    ]);
  });

  it('resolves `examples:` relative to the variant file, not the config', async () => {
    const cwd = writeProject({
      'prompts/team/v2.yaml': 'id: v2\nexamples: ../shared/few.yaml\n',
      'prompts/shared/few.yaml': FEW_SHOT,
      // A decoy at the same path relative to the config folder.
      'shared/few.yaml': '- input: 틀린 파일\n  output: { type: answer, items: [a, b] }\n',
      'subtodo-eval.yaml': 'prompts: prompts/**/v*.yaml\n',
    });
    const project = await loadProject({ cwd });
    const v2 = project.variants.find((v) => v.id === 'v2');
    expect(v2?.source).toBe('prompts/team/v2.yaml');
    expect(v2?.examples.map((e) => e.input)).toEqual(['장보기', '파이썬 코드 짜줘']);
  });

  it('takes an absolute `examples:` path as it is', async () => {
    const elsewhere = writeProject({ 'sets/few.yaml': FEW_SHOT }, {});
    const cwd = writeProject({ 'prompts/v1.yaml': `${VARIANT}examples: ${join(elsewhere, 'sets/few.yaml')}\n` });
    const project = await loadProject({ cwd });
    expect(project.variants[0]?.examples.map((e) => e.input)).toEqual(['장보기', '파이썬 코드 짜줘']);
  });

  it('expands YAML anchors and aliases', async () => {
    const cwd = writeProject({ 'cases/a.yaml': '- id: c1\n  input: 이사\n  expect: { type: answer }\n  tags: &home [home, move]\n- id: c2\n  input: 청소\n  expect: { type: answer }\n  tags: *home\n' });
    const project = await loadProject({ cwd });
    expect(project.cases.map((c) => c.tags)).toEqual([['home', 'move'], ['home', 'move']]);
  });

  it('lets a mock target object leave out its model, and keeps a target\'s null params (they drop the variant\'s)', async () => {
    const cwd = writeProject({
      'subtodo-eval.yaml': 'targets:\n  - { id: sim, provider: mock }\n  - { provider: openai, model: o4-mini, params: { temperature: null, maxTokens: 2000 } }\n',
    });
    const project = await loadProject({ cwd });
    expect(project.targets.map((t) => [t.id, t.provider, t.model])).toEqual([
      ['sim', 'mock', 'mock'],
      ['openai:o4-mini', 'openai', 'o4-mini'],
    ]);
    expect(project.targets[1]?.params).toEqual({ temperature: null, maxTokens: 2000 });
  });

  it('loads a judge target with one judge criterion', async () => {
    const cwd = writeProject({ 'subtodo-eval.yaml': `${CONFIG}judge: { provider: anthropic, model: claude-haiku-4-5, params: { temperature: null } }\nrubric:\n  criteria:\n    - name: schema\n    - { name: judge, rubric: 구체적인가 }\n` });
    const project = await loadProject({ cwd });
    expect(project.judge?.target).toMatchObject({ id: 'anthropic:claude-haiku-4-5', model: 'claude-haiku-4-5', params: { temperature: null } });
    // No rubric file named: the shipped Korean one, one sample at temperature 0.
    expect(project.judge).toMatchObject({ rubricFile: '(built-in) prompts/judge/rubric.ko.yaml', repeat: 1, reduce: 'majority', temperature: 0, pairwise: [] });
    expect(project.judge?.rubric.dimensions.answer.map((d) => d.id)).toEqual(['specific', 'actionable', 'keeps_details', 'order', 'granularity', 'no_duplicates', 'safe']);
  });

  it('reads globs relative to a --config file in another folder', async () => {
    const cwd = writeProject({
      'subtodo-eval.yaml': null,
      'eval/conf.yaml': 'prompts: p/*.yaml\ncases: [c/*.yaml]\n',
      'eval/p/x.yaml': VARIANT.replace('id: v1', 'id: x'),
      'eval/c/k.yaml': CASES,
    });
    const project = await loadProject({ cwd, configPath: 'eval/conf.yaml' });
    expect(project.configFile).toBe('eval/conf.yaml');
    expect(project.variants.map((v) => [v.id, v.source])).toEqual([['x', 'p/x.yaml']]);
    expect(project.caseFiles).toEqual(['eval/c/k.yaml']);
  });
});

describe('loadProject defaults', () => {
  it('uses the built-in defaults when there is no config file, and runs on mock', async () => {
    const cwd = writeProject({ 'subtodo-eval.yaml': null });
    const project = await loadProject({ cwd });
    expect(project.configFile).toBe(BUILT_IN_DEFAULTS);
    expect(BUILT_IN_DEFAULTS).toBe('(built-in defaults)');
    expect(project.config).toEqual(ConfigSchema.parse({}));
    expect(project.config).toMatchObject({ prompts: 'prompts/*.yaml', cases: 'cases/*.yaml', repeat: 1, concurrency: 8, out: 'reports', targets: [] });
    expect(project.config.rubric).toEqual({ passThreshold: 0.7, criteria: DEFAULT_CRITERIA });
    expect(project.targets.map((t) => t.id)).toEqual(['mock']);
    expect(project.defaultedToMock).toBe(true);
    expect(project.cases).toHaveLength(2);
  });

  it.each([
    ['an empty config file', ''],
    ['a config of comments only', '# nothing set yet\n'],
    ['an empty target list', 'targets: []\n'],
  ])('falls back to mock for %s', async (_name, config) => {
    const project = await loadProject({ cwd: writeProject({ 'subtodo-eval.yaml': config }) });
    expect(project.targets.map((t) => [t.id, t.provider])).toEqual([['mock', 'mock']]);
    expect(project.defaultedToMock).toBe(true);
  });

  it('fills rubric criteria defaults (weight 1, gates on what a reply shows)', async () => {
    const cwd = writeProject({ 'subtodo-eval.yaml': 'rubric:\n  criteria:\n    - name: type\n    - { name: length, weight: 2 }\n' });
    const { config } = await loadProject({ cwd });
    expect(config.rubric).toEqual({
      passThreshold: 0.7,
      criteria: [
        { name: 'type', weight: 1, gate: true },
        { name: 'length', weight: 2, gate: true, maxChars: 60 },
      ],
    });
  });
});

describe('loadProject flags', () => {
  it('--targets replaces the config targets and never defaults to mock', async () => {
    const project = await loadProject({ cwd: writeProject(), targets: ['anthropic:claude-haiku-4-5', 'mock'] });
    expect(project.targets.map((t) => t.id)).toEqual(['anthropic:claude-haiku-4-5', 'mock']);
    expect(project.defaultedToMock).toBe(false);
  });

  it('--variants selects by name or glob, keeping file order', async () => {
    const cwd = writeProject({ 'prompts/v2.yaml': 'id: v2\n', 'prompts/w.yaml': 'id: w\n' });
    const project = await loadProject({ cwd, variants: ['w', 'v*'] });
    expect(project.variants.map((v) => v.id)).toEqual(['v1', 'v2', 'w']);
    expect((await loadProject({ cwd, variants: ['v2'] })).variants.map((v) => v.id)).toEqual(['v2']);
  });

  it('--cases replaces the corpus, relative to the current folder', async () => {
    const cwd = writeProject({ 'other/x.yaml': '- id: x1\n  input: 청소\n  expect: { type: answer }\n' });
    const project = await loadProject({ cwd, cases: ['other/*.yaml'] });
    expect(project.cases.map((c) => c.id)).toEqual(['x1']);
    expect(project.caseFiles).toEqual(['other/x.yaml']);
  });
});

describe('the shipped project', () => {
  it('loads without a problem, with at least 3 variants and 80 cases', async () => {
    const project = await loadProject({ cwd: REPO_ROOT });
    expect(project.configFile).toBe('subtodo-eval.yaml');
    expect(project.variants.length).toBeGreaterThanOrEqual(3);
    expect(project.cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(project.cases.map((c) => c.expect.type))).toEqual(new Set(['answer', 'question', 'invalid']));
    expect(project.variants.every((v) => v.template.includes('{{todo}}'))).toBe(true);
  });
});
