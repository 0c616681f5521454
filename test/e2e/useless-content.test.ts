import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/config/case-schema.ts';
import { readCorpus, ROOT } from '../content/read-corpus.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { fakeEnv, makeProject, readResults, removeProject, runCli } from './e2e-support.ts';

/**
 * The reviewer's test of the rubric: a model that types every shipped case correctly but
 * writes useless content must fail the answer cases, while the same model writing the reference
 * replies passes them. The fake model reads the case from the to-do it is sent.
 */
const GENERIC = ['필요한 정보와 일정 확인하기', '준비물 목록 만들기', '세부 작업 순서 정하기', '시작 시간 정해서 실행하기'];
const ENGLISH = ['Check the details and schedule', 'List what you need', 'Decide the order of tasks', 'Set a start time and begin'];
const MODES = ['echo', 'generic', 'english', 'reference'] as const;
type Mode = (typeof MODES)[number];

const corpus = readCorpus().map((c) => c.case);
const byInput = new Map<string, Case>();
for (const c of corpus) if (!byInput.has(c.input)) byInput.set(c.input, c);

function replyFor(testCase: Case, mode: Mode): unknown {
  const type = testCase.expect.type;
  if (type === 'invalid') return testCase.reference ?? { type, message: '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.' };
  if (type === 'question' || mode === 'reference') return testCase.reference;
  if (mode === 'echo') return { type, items: [testCase.input] };
  return { type, items: mode === 'generic' ? GENERIC : ENGLISH };
}

const variant = (mode: Mode) => [`id: ${mode}`, `system: "MODE=${mode}"`, 'template: "{{todo}}"', 'replyForm: json', ''].join('\n');

let server: FakeServer;
let root: string;

beforeAll(async () => {
  server = await startFakeServer({
    responder: (req) => {
      const mode = MODES.find((m) => req.systemText === `MODE=${m}`) ?? 'reference';
      const testCase = byInput.get(req.lastUserText);
      if (testCase === undefined) return { text: 'not a case' };
      return { text: JSON.stringify(replyFor(testCase, mode)) };
    },
  });
  const cases = Object.fromEntries(
    readdirSync(join(ROOT, 'cases'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [`cases/${f}`, readFileSync(join(ROOT, 'cases', f), 'utf8')]),
  );
  root = makeProject({
    'subtodo-eval.yaml': ['prompts: prompts/*.yaml', 'cases: cases/*.yaml', 'concurrency: 16', ''].join('\n'),
    ...Object.fromEntries(MODES.map((m) => [`prompts/${m}.yaml`, variant(m)])),
    ...cases,
  });
});
afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe('a model that types every case right but writes useless sub-todos', () => {
  it('fails the answer cases with the default rubric; the reference replies pass them', async () => {
    const r = await runCli(['run', '--targets', 'openai:fake-model', '--no-cache', '--quiet', '--out', 'run'], { cwd: root, env: fakeEnv(server) });
    expect(r.stderr).toBe('');
    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(corpus.length * MODES.length);
    const answers = results.filter((x) => x.expectedType === 'answer');
    // Every reply came back with the expected type: the useless ones fail on their content.
    expect(answers.every((x) => x.outcome === 'answer')).toBe(true);
    const passRate = (mode: Mode) => {
      const mine = answers.filter((x) => x.variant === mode);
      return mine.filter((x) => x.pass === true).length / mine.length;
    };
    const rates = Object.fromEntries(MODES.map((m) => [m, passRate(m)]));
    expect(rates['echo']).toBeLessThanOrEqual(0.1);
    expect(rates['generic']).toBeLessThanOrEqual(0.1);
    expect(rates['english']).toBeLessThanOrEqual(0.1);
    expect(rates['reference']).toBeGreaterThanOrEqual(0.95);
    // Each useless reply says why it failed.
    const reasons = (mode: Mode) => new Set(answers.filter((x) => x.variant === mode && x.pass === false).flatMap((x) => Object.entries(x.scores).filter(([, s]) => s.score !== null && s.score < 1).map(([name]) => name)));
    expect(reasons('echo')).toContain('echo');
    expect(reasons('generic')).toContain('relevance');
    expect(reasons('english')).toContain('language');
  });
});
