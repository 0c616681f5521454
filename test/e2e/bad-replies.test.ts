import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RAW_CHARS } from '../../src/run/run-trial.ts';
import { startFakeServer, type FakeReply, type FakeServer, type RecordedRequest } from '../fake-server/fake-server.ts';
import { CONFIG, countCellBars, stripCodeSpans, fakeEnv, makeProject, readReport, readResults, readSummary, readTables, removeProject, runCli, VARIANTS } from './e2e-support.ts';

/** An OpenAI chat completion whose content bytes are not UTF-8 (0xff 0xfe are never valid). */
function notUtf8Body(req: RecordedRequest): Buffer {
  const marker = '@@BYTES@@';
  const json =
    req.api === 'openai'
      ? JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'fake-model', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: marker } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })
      : JSON.stringify({ id: 'x', type: 'message', role: 'assistant', model: 'fake-model', content: [{ type: 'text', text: marker }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } });
  const [before, after] = json.split(marker) as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe, 0x80, 0xc3]), Buffer.from(' type answer '), Buffer.from([0xe2, 0x82]), Buffer.from(after)]);
}

const BINARY = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('').repeat(4);
const HUGE = `{"type":"answer","items":["${'가'.repeat(1_000_000)}"]}`;

const REPLIES: Record<string, (req: RecordedRequest) => FakeReply> = {
  empty: () => ({ text: '' }),
  whitespace: () => ({ text: ' \n\t ' }),
  binary: () => ({ text: BINARY }),
  huge: () => ({ text: HUGE }),
  junk1mb: () => ({ text: 'x|<b>`'.repeat(180_000) }),
  notutf8: (req) => ({ fault: 'status', status: 200, body: notUtf8Body(req) }),
};

const CASES = `${Object.keys(REPLIES)
  .map((name) => `- { id: ${name}, input: "${name} 할 일", expect: { type: answer } }`)
  .join('\n')}\n`;

let server: FakeServer;
let root: string;

beforeAll(async () => {
  server = await startFakeServer({
    responder: (req) => {
      const name = /(\w+) 할 일/.exec(req.lastUserText)?.[1] ?? '';
      const reply = REPLIES[name];
      return reply ? reply(req) : { text: 'unexpected case' };
    },
  });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
});
afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe.each(['openai', 'anthropic'])('replies that are no reply, through the %s SDK', (provider) => {
  it('become outcomes, never a crash, and keep the report whole', async () => {
    const out = `run-${provider}`;
    const r = await runCli(['run', '--targets', `${provider}:fake-model`, '--variants', 'plain', '--quiet', '--no-cache', '--out', out], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const results = readResults(join(root, out));
    const byCase = Object.fromEntries(results.map((x) => [x.caseId, x]));
    expect(Object.keys(byCase).sort()).toEqual(Object.keys(REPLIES).sort());
    for (const name of ['empty', 'whitespace', 'binary', 'junk1mb', 'notutf8']) {
      expect(byCase[name], name).toMatchObject({ outcome: 'format_error', score: 0, pass: false, attempts: 1 });
    }
    // A 1 MB reply is a real answer: parsed in full, stored cut at MAX_RAW_CHARS and marked.
    expect(byCase['huge']).toMatchObject({ outcome: 'answer', rawTruncated: true });
    expect(byCase['huge']?.raw).toHaveLength(MAX_RAW_CHARS);
    expect(byCase['junk1mb']?.raw).toHaveLength(MAX_RAW_CHARS);
    // Bytes that are not UTF-8 arrive as replacement characters, not as an exception.
    expect(byCase['notutf8']?.raw).toContain('\uFFFD');
    expect(byCase['binary']?.raw).toContain('\u0000');

    const summary = readSummary(join(root, out));
    expect(summary.cells[0]?.outcomes).toMatchObject({ answer: 1, format_error: 5, provider_error: 0 });
    const report = readReport(join(root, out));
    expect(report).not.toContain('\u0000');
    // Reply excerpts are code spans, where a tag is only text; nowhere else may one appear.
    expect(stripCodeSpans(report)).not.toMatch(/<[a-z]/i);
    for (const table of readTables(report)) {
      const bars = countCellBars(table[0] ?? '');
      for (const row of table) expect(countCellBars(row), row.slice(0, 80)).toBe(bars);
    }
  });
});
