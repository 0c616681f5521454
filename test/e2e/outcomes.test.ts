import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load-project.ts';
import { OUTCOMES, type Outcome } from '../../src/parse/reply-schema.ts';
import { renderPrompt } from '../../src/render/index.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, listRunDirs, makeProject, readReport, readResults, readSummary, readTables, removeProject, runCli, VARIANTS } from './e2e-support.ts';

/** One case per outcome; the marker in the input makes the fake server produce it. */
const CASES: { id: string; outcome: Outcome; expected: 'answer' | 'question' | 'invalid' }[] = [
  { id: 'c-answer', outcome: 'answer', expected: 'answer' },
  { id: 'c-question', outcome: 'question', expected: 'question' },
  { id: 'c-invalid', outcome: 'invalid', expected: 'invalid' },
  { id: 'c-format', outcome: 'format_error', expected: 'answer' },
  { id: 'c-schema', outcome: 'schema_error', expected: 'answer' },
  { id: 'c-provider', outcome: 'provider_error', expected: 'answer' },
];

const CASE_YAML = CASES.map((c) =>
  [`- id: ${c.id}`, `  input: "주말에 대청소하기 [[reply: ${c.outcome}]]"`, `  expect: { type: ${c.expected} }`, `  tags: [${c.outcome === 'answer' ? 'x' : 'y'}]`].join('\n'),
).join('\n');

const KEY = 'sk-test-outcomes-1234567890';
const TARGETS = [
  { spec: 'openai:fake-model', api: 'openai', model: 'fake-model' },
  { spec: 'anthropic:fake-claude', api: 'anthropic', model: 'fake-claude' },
] as const;

let server: FakeServer;
let root: string;

beforeAll(async () => {
  server = await startFakeServer();
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/all.yaml': `${CASE_YAML}\n` });
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe.each(TARGETS)('every outcome through the real $api SDK', ({ spec, api, model }) => {
  let runDir: string;
  let firstRequest: number;

  beforeAll(async () => {
    firstRequest = server.requests.length;
    const before = new Set(listRunDirs(root));
    const run = await runCli(['run', '--targets', spec, '--quiet'], { cwd: root, env: fakeEnv(server, KEY) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const made = listRunDirs(root).filter((d) => !before.has(d));
    expect(made).toHaveLength(1);
    runDir = made[0] as string;
  });

  it('writes one result per variant × case, each with the outcome its marker asks for', () => {
    const results = readResults(runDir);
    expect(results).toHaveLength(2 * CASES.length);
    for (const variant of ['plain', 'json-shots']) {
      const got = Object.fromEntries(results.filter((r) => r.variant === variant).map((r) => [r.caseId, r.outcome]));
      expect(got).toEqual(Object.fromEntries(CASES.map((c) => [c.id, c.outcome])));
    }
    for (const r of results) {
      expect(r.target).toBe(spec);
      expect(r.simulated).toBe(false);
    }
  });

  it('keeps what each outcome needs: retries and status, zod issues, token usage', () => {
    const results = readResults(runDir);
    const byCase = (id: string) => results.filter((r) => r.caseId === id);
    for (const r of byCase('c-provider')) {
      // --targets strings get the default maxRetries of 4: five attempts, all answered 500.
      expect(r.attempts).toBe(5);
      expect(r.error?.status).toBe(500);
      expect(r.error?.message).toContain('provider_error marker');
      expect(r.reply).toBeNull();
      expect(r.raw).toBeNull();
      expect(r.score).toBeNull();
    }
    for (const r of byCase('c-schema')) {
      expect(r.error?.issues?.length).toBeGreaterThan(0);
      expect(r.score).toBe(0);
    }
    for (const r of byCase('c-format')) {
      expect(r.error?.message).toBeTruthy();
      expect(r.reply).toBeNull();
    }
    for (const r of byCase('c-answer')) {
      expect(r.attempts).toBe(1);
      expect(r.usage.inputTokens).toBeGreaterThan(0);
      expect(r.usage.outputTokens).toBeGreaterThan(0);
      expect(r.reply?.type).toBe('answer');
      expect(r.pass).toBe(true);
    }
    for (const r of byCase('c-invalid')) expect(r.reply).toMatchObject({ type: 'invalid' });
  });

  it('summarises one cell per variant × target, each outcome counted once', () => {
    const summary = readSummary(runDir);
    expect(summary.complete).toBe(true);
    expect(summary.simulated).toBe(false);
    expect(summary.cells.map((c) => [c.variant, c.target]).sort()).toEqual([
      ['json-shots', spec],
      ['plain', spec],
    ]);
    for (const cell of summary.cells) {
      expect(cell.outcomes).toEqual(Object.fromEntries(OUTCOMES.map((o) => [o, 1])));
      expect(cell.calls).toBe(6);
      expect(cell.n).toBe(5); // the provider error is not scored
      expect(cell.meanScore).toBeGreaterThan(0);
      expect(cell.meanScore).toBeLessThan(1);
      expect(cell.ci95).toHaveLength(2);
      const [lo, hi] = cell.ci95 ?? [NaN, NaN];
      expect(lo).toBeLessThanOrEqual(cell.meanScore ?? NaN);
      expect(hi).toBeGreaterThanOrEqual(cell.meanScore ?? NaN);
      expect(cell.passRate).toBeCloseTo(3 / 5);
      expect(cell.confusion['answer']).toMatchObject({ answer: 1, format_error: 1, schema_error: 1, provider_error: 1, question: 0 });
      expect(cell.confusion['question']).toMatchObject({ question: 1 });
      expect(cell.confusion['invalid']).toMatchObject({ invalid: 1 });
      expect(cell.latencyMs.p50).toBeGreaterThanOrEqual(0);
      expect(cell.latencyMs.p95).toBeGreaterThanOrEqual(cell.latencyMs.p50 ?? Number.NaN);
      expect(cell.usage.inputTokens).toBeGreaterThan(0);
      expect(cell.simulated).toBe(false);
    }
    expect(summary.comparisons).toHaveLength(1);
  });

  it('reports the ranking, a confusion matrix per cell and the failing cases', () => {
    const report = readReport(runDir);
    expect(report).toContain('## Ranking');
    expect(report).toContain('## Confusion matrices');
    expect(report).toContain('## Failing cases');
    expect(report).not.toContain('Simulated');
    const tables = readTables(report);
    const ranking = tables.find((t) => t[0]?.includes('score ± CI'));
    expect(ranking).toHaveLength(2 + 2);
    expect(tables.filter((t) => t[0]?.startsWith('| expected ↓ / outcome →'))).toHaveLength(2);
    const failing = tables.find((t) => t[0]?.startsWith('| case |')) ?? [];
    for (const id of ['c-format', 'c-schema']) {
      expect(failing.filter((row) => row.startsWith(`| ${id} |`))).toHaveLength(2);
    }
    expect(failing.some((row) => row.startsWith('| c-answer |'))).toBe(false);
    // Provider errors are not the prompt's failing cases: they have a section of their own.
    expect(failing.some((row) => row.startsWith('| c-provider |'))).toBe(false);
    const errors = tables.find((t) => t[0]?.startsWith('| target | status | calls |')) ?? [];
    expect(errors.slice(2).map((row) => row.split(' | ')[2])).toEqual(['2']);
    expect(errors[2]).toContain('c-provider');
  });

  it('sent our model, system prompt and rendered user message through the SDK', async () => {
    const requests = server.requests.slice(firstRequest);
    // five cases answered at once, the provider error tried five times: per variant.
    expect(requests).toHaveLength(2 * (5 + 5));
    const project = await loadProject({ cwd: root });
    for (const variant of project.variants) {
      for (const testCase of project.cases) {
        const rendered = renderPrompt(variant, testCase);
        const user = rendered.messages.at(-1)?.content ?? '';
        expect(user).toContain(testCase.input);
        const sent = requests.filter((r) => r.lastUserText === user);
        expect(sent.length, `${variant.id} × ${testCase.id}`).toBe(testCase.id === 'c-provider' ? 5 : 1);
        for (const r of sent) {
          expect(r.api).toBe(api);
          expect(r.body).toMatchObject({ model });
          expect(r.systemText).toBe(variant.system);
        }
      }
    }
    // The Anthropic client of this version sends `authorization: Bearer`; older ones sent x-api-key.
    const headers = requests[0]?.headers ?? {};
    expect(headers['x-api-key'] ?? headers['authorization']).toMatch(new RegExp(`^(Bearer )?${KEY}$`));
  });
});

describe('a target object in the config', () => {
  it('honours its own maxRetries and id', async () => {
    const config = `${CONFIG}targets:\n  - { id: low-retry, provider: anthropic, model: fake-claude, maxRetries: 1 }\n`;
    const project = makeProject({ 'subtodo-eval.yaml': config, ...VARIANTS, 'cases/all.yaml': `${CASE_YAML}\n` });
    try {
      const run = await runCli(['run', '--quiet', '--variants', 'plain', '--filter', 'c-provider', '--out', 'out'], {
        cwd: project,
        env: fakeEnv(server, KEY),
      });
      // Its only call failed: a target that measured nothing fails the run (results still written).
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/target low-retry: every call failed \(last: HTTP 500/);
      const [result, ...rest] = readResults(`${project}/out`);
      expect(rest).toEqual([]);
      expect(result).toMatchObject({ target: 'low-retry', outcome: 'provider_error', attempts: 2, error: { status: 500 } });
    } finally {
      removeProject(project);
    }
  });
});
