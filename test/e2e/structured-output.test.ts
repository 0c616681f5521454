import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server/fake-server.ts';
import { gradedType, verdictText } from '../support/judge-fixtures.ts';
import { fakeEnv, listRunDirs, makeProject, readResults, readSummary, removeProject, runCli } from './e2e-support.ts';

/** The shipped pair and its few-shot set, copied into the project as they are. */
const SHIPPED = (path: string) => readFileSync(fileURLToPath(new URL(`../../prompts/${path}`, import.meta.url)), 'utf8');
const CASES = ['- id: s-move', '  input: 토요일 오후 3시 원룸 이사 준비하기', '  expect: { type: answer }', '- id: s-code', '  input: 파이썬 스크립트 짜줘', '  expect: { type: invalid }', ''].join('\n');

type Body = Record<string, unknown>;
const bodyOf = (r: RecordedRequest) => r.body as Body;
const wantsSchema = (r: RecordedRequest) => 'response_format' in bodyOf(r) || 'output_config' in bodyOf(r);

/** The model: the enforced shape (`{"reply": …}`) when a schema was sent, the prompt's shape otherwise. */
function reply(req: RecordedRequest): { text: string } {
  const payload = req.lastUserText.includes('파이썬')
    ? { type: 'invalid', message: '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.' }
    : { type: 'answer', items: ['이사 업체 예약하기', '짐 싸기'] };
  return { text: JSON.stringify(wantsSchema(req) ? { reply: payload } : payload) };
}

/** OpenAI's strict mode: every object closed and every property required, all the way down. */
function expectStrict(schema: unknown, path = '$'): void {
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Body;
  expect(node, path).not.toHaveProperty('oneOf');
  if (node['type'] === 'object') {
    expect(node['additionalProperties'], `${path}.additionalProperties`).toBe(false);
    expect([...((node['required'] as string[] | undefined) ?? [])].sort(), `${path}.required`).toEqual(Object.keys(node['properties'] as Body).sort());
  }
  for (const [key, child] of Object.entries(node)) {
    if (Array.isArray(child)) child.forEach((c, i) => expectStrict(c, `${path}.${key}[${i}]`));
    else if (typeof child === 'object') expectStrict(child, `${path}.${key}`);
  }
}

let server: FakeServer;
let root: string;

beforeAll(async () => {
  server = await startFakeServer({ responder: reply });
  root = makeProject({ 'cases/all.yaml': CASES, 'prompts/structured-output.yaml': SHIPPED('structured-output.yaml'), 'prompts/examples/principles.yaml': SHIPPED('examples/principles.yaml') });
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

async function run(target: string, extra = '') {
  writeFileSync(join(root, 'subtodo-eval.yaml'), `prompts: prompts/*.yaml\ncases: cases/*.yaml\n${extra}`);
  const first = server.requests.length;
  const before = new Set(listRunDirs(root));
  const out = await runCli(['run', '--no-cache', '--quiet', '--targets', target], { cwd: root, env: fakeEnv(server) });
  const dir = listRunDirs(root).find((d) => !before.has(d)) as string;
  return { ...out, dir, requests: server.requests.slice(first) };
}

describe('the shipped pair that differs only in responseFormat', () => {
  it('sends OpenAI a strict response_format derived from the reply schema, and nothing for the text arm', async () => {
    const out = await run('openai:fake-model');
    expect(out.code).toBe(0);
    const withSchema = out.requests.filter(wantsSchema);
    expect(withSchema).toHaveLength(2); // the schema arm's two cases
    expect(out.requests.filter((r) => !wantsSchema(r))).toHaveLength(2);
    for (const r of withSchema) {
      const format = bodyOf(r)['response_format'] as { type: string; json_schema: { name: string; strict: boolean; schema: Body } };
      expect(format.type).toBe('json_schema');
      expect(format.json_schema.name).toBe('subtodo_reply');
      expect(format.json_schema.strict).toBe(true);
      const schema = format.json_schema.schema;
      expect(schema['required']).toEqual(['reply']);
      const branches = ((schema['properties'] as Body)['reply'] as { anyOf: Body[] }).anyOf;
      expect(branches.map((b) => ((b['properties'] as Body)['type'] as { const: string }).const)).toEqual(['answer', 'question', 'invalid']);
      expectStrict(schema);
      expect(bodyOf(r)).not.toHaveProperty('tools');
    }
    const results = readResults(out.dir);
    expect(results.map((r) => [r.variant, r.caseId, r.outcome]).sort()).toEqual([
      ['structured-output-schema', 's-code', 'invalid'],
      ['structured-output-schema', 's-move', 'answer'],
      ['structured-output-text', 's-code', 'invalid'],
      ['structured-output-text', 's-move', 'answer'],
    ]);
    expect(readSummary(out.dir).cells.map((c) => [c.variant, c.meanScore !== null])).toEqual([
      ['structured-output-text', true],
      ['structured-output-schema', true],
    ]);
  });

  it('sends Anthropic output_config.format (structured output) from the same schema, and reads the JSON text back', async () => {
    const out = await run('anthropic:fake-claude');
    expect(out.code).toBe(0);
    const withSchema = out.requests.filter(wantsSchema);
    expect(withSchema).toHaveLength(2);
    for (const r of withSchema) {
      const format = (bodyOf(r)['output_config'] as { format: { type: string; schema: Body } }).format;
      expect(format.type).toBe('json_schema');
      expect(format.schema['required']).toEqual(['reply']);
      expect(format.schema['additionalProperties']).toBe(false);
      const branches = ((format.schema['properties'] as Body)['reply'] as { anyOf: Body[] }).anyOf;
      expect(branches).toHaveLength(3);
      for (const b of branches) expect(b['additionalProperties']).toBe(false);
      expect(bodyOf(r)).not.toHaveProperty('response_format');
    }
    expect(readResults(out.dir).every((r) => r.outcome === r.expectedType)).toBe(true);
  });

  it('runs on mock, where the schema arm never fails to parse', async () => {
    const out = await run('mock');
    expect(out.code).toBe(0);
    const cells = readSummary(out.dir).cells;
    const schemaArm = cells.find((c) => c.variant === 'structured-output-schema');
    expect(schemaArm?.outcomes.format_error).toBe(0);
    expect(schemaArm?.outcomes.schema_error).toBe(0);
    const schemaResults = readResults(out.dir).filter((r) => r.variant === 'structured-output-schema');
    expect(schemaResults.every((r) => r.raw?.startsWith('{"reply":'))).toBe(true);
    // The schema's {"reply": …} is the declared form under structured outputs.
    expect(schemaResults.every((r) => r.exactForm === true)).toBe(true);
    expect(schemaArm?.exactFormRate).toBe(1);
  });

  it('a judge target with responseFormat: json_schema gets its verdict schema enforced the same way', async () => {
    server.setResponder((req) => (req.systemText.includes('<criteria type="') ? { text: verdictText(gradedType(req.systemText), 2) } : reply(req)));
    const judge = 'judge:\n  target: { provider: openai, model: fake-judge, responseFormat: json_schema }\nrubric:\n  criteria: [{ name: schema }, { name: type }, { name: judge }]\n';
    const out = await run('anthropic:fake-claude', judge);
    expect(out.code).toBe(0);
    const judged = out.requests.filter((r) => r.systemText.includes('<criteria type="'));
    expect(judged).toHaveLength(4);
    for (const r of judged) {
      const format = bodyOf(r)['response_format'] as { json_schema: { name: string; strict: boolean; schema: Body } };
      expect(format.json_schema).toMatchObject({ name: 'judge_verdict', strict: true });
      expectStrict(format.json_schema.schema);
    }
    expect(readResults(out.dir).every((r) => r.judge?.verdict === 'pass')).toBe(true);
    server.setResponder(reply);
  });
});
