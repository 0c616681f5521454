import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnswerText } from '../fake-server/default-responder.ts';
import { scriptedResponder, startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server/fake-server.ts';
import { CONFIG, listFilesDeep, makeProject, readResults, removeProject, runCli, VARIANTS, type CliRun } from './e2e-support.ts';

/** One key shaped like an OpenAI key, one that no "looks like a key" pattern would catch. */
const OPENAI_KEY = 'sk-test-SECRET1234567890';
const ANTHROPIC_KEY = 'plainSECRETtoken0987654321';

const CASES = [
  ['ok', '회의 준비하기 [ok]'],
  ['unauthorized', '보고서 쓰기 [401]'],
  ['server-error', '장보기 [500]'],
  ['raw-body', '운동하기 [400-raw]'],
  ['echo-reply', '청소하기 [echo]'],
]
  .map(([id, input]) => `- id: ${id}\n  input: "${input}"\n  expect: { type: answer }`)
  .join('\n');

function keyOf(req: RecordedRequest): string {
  return req.headers['x-api-key'] ?? req.headers['authorization'] ?? 'none';
}

/** Error bodies that echo the caller's key back, the way a careless proxy or debug server might. */
const LEAKY = scriptedResponder(
  [
    { match: '[401]', reply: { fault: 'status', status: 401, echoKey: true } },
    { match: '[500]', reply: { fault: 'status', status: 500, echoKey: true, retryAfterMs: 1 } },
    {
      match: '[400-raw]',
      reply: (req) => ({ fault: 'status', status: 400, body: `not json at all; your key was ${keyOf(req)} and x=${keyOf(req)}` }),
    },
    // A 200 whose text carries the key: the model never sees it, but a proxy that echoes requests does.
    { match: '[echo]', reply: (req) => ({ text: JSON.stringify({ type: 'answer', items: [`키: ${keyOf(req)}`, '청소기 돌리기'] }) }) },
  ],
  { text: buildAnswerText('회의 준비하기') },
);

let server: FakeServer;
let root: string;
let run: CliRun;
let stepSummary: string;

beforeAll(async () => {
  server = await startFakeServer({ responder: LEAKY });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': `${CASES}\n` });
  stepSummary = join(root, 'step-summary.md');
  run = await runCli(['run', '--targets', 'openai:fake-model,anthropic:fake-claude', '--out', 'run'], {
    cwd: root,
    env: {
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: server.openaiBaseURL,
      ANTHROPIC_API_KEY: ANTHROPIC_KEY,
      ANTHROPIC_BASE_URL: server.anthropicBaseURL,
      GITHUB_STEP_SUMMARY: stepSummary,
    },
  });
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe('API keys echoed back by the server', () => {
  it('were really sent and really echoed (the bait works)', () => {
    expect(run.code).toBe(0);
    expect(server.requests.some((r) => keyOf(r).includes(OPENAI_KEY))).toBe(true);
    expect(server.requests.some((r) => keyOf(r).includes(ANTHROPIC_KEY))).toBe(true);
    const failed = readResults(join(root, 'run')).filter((r) => r.outcome === 'provider_error');
    expect(failed.map((r) => r.error?.status).sort()).toEqual([400, 400, 401, 401, 500, 500, 400, 400, 401, 401, 500, 500].sort());
    // The echo survived into our error message — as a redaction mark, not the key.
    expect(failed.every((r) => r.error?.message.includes('[redacted]'))).toBe(true);
    const echoed = readResults(join(root, 'run')).filter((r) => r.caseId === 'echo-reply');
    expect(echoed.map((r) => r.outcome)).toEqual(['answer', 'answer', 'answer', 'answer']);
    expect(echoed.every((r) => r.raw?.includes('[redacted]'))).toBe(true);
  });

  it('reach no file in the run folder, nor the step summary', () => {
    const files = [...listFilesDeep(join(root, 'run')), stepSummary];
    expect(files.map((f) => f.slice(root.length + 1)).sort()).toEqual(['run/report.html', 'run/report.md', 'run/results.jsonl', 'run/run.json', 'run/summary.json', 'step-summary.md']);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(OPENAI_KEY);
      expect(text, file).not.toContain(ANTHROPIC_KEY);
      expect(text, file).not.toContain('SECRET');
    }
  });

  it('reach neither stdout nor stderr', () => {
    expect(run.stdout).toContain('report.md');
    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain('SECRET');
    }
  });

  it('stay out of a --json run too', async () => {
    const again = await runCli(['run', '--targets', 'anthropic:fake-claude', '--json', '--out', 'run-json'], {
      cwd: root,
      env: { ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL },
    });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ complete: true });
    expect(again.stdout + again.stderr).not.toContain('SECRET');
    for (const file of listFilesDeep(join(root, 'run-json'))) expect(readFileSync(file, 'utf8'), file).not.toContain('SECRET');
  });
});

describe('keys that are short or hold quotes and backslashes, echoed in every form', () => {
  /** 7 characters; and one with a quote and a backslash, which JSON and URLs write differently. */
  const SHORT = 'Sh0rtK7';
  const QUOTED = 'q"uo\\te-Key9';
  const forms = (key: string) => [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)];
  const bare = (req: RecordedRequest) => keyOf(req).replace(/^Bearer /, '');
  const ECHO = scriptedResponder(
    [
      { match: '[400-raw]', reply: (req) => ({ fault: 'status', status: 400, body: `bad request: ${forms(bare(req)).join(' | ')}` }) },
      { match: '[url]', reply: (req) => ({ fault: 'status', status: 404, message: `no route for /v1/chat?api_key=${encodeURIComponent(bare(req))}` }) },
      // The key inside the model's JSON reply: escaped in the raw text.
      { match: '[echo]', reply: (req) => ({ text: JSON.stringify({ type: 'answer', items: [`키: ${bare(req)}`, '청소기 돌리기'] }) }) },
    ],
    { text: buildAnswerText('회의 준비하기') },
  );
  const cases = [
    ['raw', '보고서 쓰기 [400-raw]'],
    ['url', '장보기 [url]'],
    ['echo', '청소하기 [echo]'],
  ]
    .map(([id, input]) => `- { id: ${id}, input: "${input}", expect: { type: answer } }`)
    .join('\n');

  let echoServer: FakeServer;
  let dir: string;
  let echoRun: CliRun;
  beforeAll(async () => {
    echoServer = await startFakeServer({ responder: ECHO });
    dir = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': `${cases}\n` });
    echoRun = await runCli(['run', '--targets', 'openai:fake-model,anthropic:fake-claude', '--out', 'run'], {
      cwd: dir,
      env: { OPENAI_API_KEY: QUOTED, OPENAI_BASE_URL: echoServer.openaiBaseURL, ANTHROPIC_API_KEY: SHORT, ANTHROPIC_BASE_URL: echoServer.anthropicBaseURL },
    });
  });
  afterAll(async () => {
    await echoServer.close();
    removeProject(dir);
  });

  it('were sent and echoed, and reach no file, stdout or stderr in any form', () => {
    expect(echoServer.requests.some((r) => bare(r) === QUOTED)).toBe(true);
    expect(echoServer.requests.some((r) => bare(r) === SHORT)).toBe(true);
    const results = readResults(join(dir, 'run'));
    expect(results.filter((r) => r.outcome === 'provider_error').every((r) => r.error?.message.includes('[redacted]'))).toBe(true);
    expect(results.filter((r) => r.caseId === 'echo').every((r) => r.raw?.includes('[redacted]'))).toBe(true);
    const texts = [...listFilesDeep(join(dir, 'run')).map((f) => readFileSync(f, 'utf8')), echoRun.stdout, echoRun.stderr];
    for (const text of texts) for (const form of [...forms(QUOTED), ...forms(SHORT)]) expect(text).not.toContain(form);
  });
});
