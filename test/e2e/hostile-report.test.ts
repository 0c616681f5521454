import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuestionText } from '../fake-server/default-responder.ts';
import { scriptedResponder, startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, countCellBars, stripCodeSpans, fakeEnv, makeProject, readReport, readResults, readTables, removeProject, runCli, VARIANTS } from './e2e-support.ts';

/** Items built to break a markdown table, open a code span or run a script when rendered. */
const HOSTILE_ITEMS = [
  'a | b | c',
  'line one\nline two\r\n| fake | row |',
  '`code` and ``` fences',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>\\',
  '[click](javascript:alert(3)) ![i](http://x/y.png)',
];

/** Prose and a tag before the JSON: the parser still finds the reply, and the excerpt shows it all. */
const HOSTILE_RAW = `<b>Sure</b> | here:\n\`\`\`json\n${JSON.stringify({ type: 'answer', items: HOSTILE_ITEMS })}\n\`\`\``;

const CASES = [
  '- id: vague',
  '  input: "그거 해줘 [hostile]"',
  '  expect: { type: question }',
  '  tags: ["x|y", "<b>tag</b>"]',
  '- id: fine',
  '  input: 주말 계획 세우기',
  '  expect: { type: question }',
  '',
].join('\n');

let server: FakeServer;
let root: string;
let report: string;

beforeAll(async () => {
  server = await startFakeServer({ responder: scriptedResponder([{ match: '[hostile]', reply: { text: HOSTILE_RAW } }], { text: buildQuestionText() }) });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
  const run = await runCli(['run', '--targets', 'openai:fake-model', '--quiet', '--out', 'run'], { cwd: root, env: fakeEnv(server) });
  expect(run.code).toBe(0);
  report = readReport(`${root}/run`);
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe('report.md with hostile model text', () => {
  it('parsed the hostile reply as an answer, so the question case fails', () => {
    const hostile = readResults(`${root}/run`).filter((r) => r.caseId === 'vague');
    expect(hostile).toHaveLength(2);
    for (const r of hostile) {
      expect(r.outcome).toBe('answer');
      expect(r.pass).toBe(false);
      expect(r.raw).toBe(HOSTILE_RAW);
    }
  });

  it('lists the failing case, its reply excerpt readable as written inside a code span', () => {
    const failing = readTables(report).find((t) => t[0]?.startsWith('| case |')) ?? [];
    const rows = failing.filter((row) => row.startsWith('| vague |'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('question → answer');
    // The reply holds runs of up to three backticks: the fence is four, so none of them closes it.
    expect(rows[0]).toMatch(/\| ````<b>Sure<\/b> \\\| here: ⏎ ```json ⏎ .*<script>alert\(1\)<\/script>.*````\s\|$/);
  });

  it('keeps every table row to its header’s column count', () => {
    const tables = readTables(report);
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const table of tables) {
      const columns = countCellBars(table[0] ?? '');
      for (const row of table) expect(countCellBars(row), row).toBe(columns);
    }
    // Every line of a table starts a row: a newline from the model never splits one.
    const lines = report.split('\n');
    lines.forEach((line, i) => {
      if (line.startsWith('|')) expect(lines[i + 1] === '' || lines[i + 1]?.startsWith('|'), line).toBe(true);
    });
  });

  it('contains no HTML tag, code span or link from the model outside the excerpts’ own code spans', () => {
    const outside = stripCodeSpans(report);
    expect(outside).not.toMatch(/<script/i);
    expect(outside).not.toMatch(/<[a-z/!]/i);
    expect(outside).not.toContain('`');
    // `\](` is a literal bracket; only an unescaped `](` makes a link or an image.
    expect(outside).not.toMatch(/(?<!\\)\]\(/);
  });
});
