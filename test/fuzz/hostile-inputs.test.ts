import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RubricSchema } from '../../src/config/rubric-schema.ts';
import { OUTCOMES } from '../../src/parse/reply-schema.ts';
import { parseReply } from '../../src/parse/index.ts';
import { renderReportMd, selectFailingCases } from '../../src/report/index.ts';
import { buildSummary, toAggregateRow } from '../../src/aggregate/index.ts';
import { scoreTrial } from '../../src/score/index.ts';
import { stripCodeSpans } from '../e2e/e2e-support.ts';
import { CONFIG, countLines, makeProject, numberedCases, removeProject, runCli, VARIANTS } from '../e2e/e2e-support.ts';
import { createMulberry32, startFakeServer } from '../fake-server/fake-server.ts';
import { makeResult } from '../report/fixtures.ts';
import { makeCase } from '../support/fixtures.ts';

/**
 * Seeded, so a failure reproduces: set FUZZ_SEED to explore other inputs. The counts bound the time
 * (a few seconds in all); each assertion names the seed and the iteration that broke.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261130);
const REPLIES = 1500;
const CORRUPTIONS = 80;

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const int = (random: Random, max: number) => Math.floor(random() * max);

/** Fragments models (and hostile servers) emit, recombined at random. */
const FRAGMENTS = [
  '{', '}', '[', ']', '"', '\\', ':', ',', '```json\n', '```', '```xml\n', '<thinking>', '</thinking>', "<subtodos type='answer'>", '<subtodos type="question">',
  '</subtodos>', '<examples>', '<![CDATA[', ']]>', '1. ', '2) ', '- ', '\n', '\r\n', ' ', '\t', 'null', 'true', 'false', '1e999', '-0', 'NaN', '"type"', '"answer"',
  '"question"', '"invalid"', '"items"', '"content"', '"message"', '"subtodoNumber"', '"subtodoContent"', '"subtodos"', '"questions"', '\u0000', '\u001b[2J', '\u202e', '\u2028',
  '😀', '\ud800', '\udc00', '가나다 하기', '&lt;script&gt;', '<script>', '|', '`', '$', '\ufeff', '0x1F', '{"type":"answer","items":["a","b"]}',
  '{"type":"question","items":["언제?"]}', '{"type":"invalid","message":"no"}', '{"subtodos":{"type":"answer","content":[{"subtodoNumber":1,"subtodoContent":"x"}]}}',
];

function hostileReply(random: Random): string {
  const shape = int(random, 6);
  if (shape === 0) return pick(random, ['{', '[', '"', ' ', '\n', '<thinking>', '```']).repeat(1 + int(random, 20_000));
  if (shape === 1) {
    // A valid reply with bytes flipped, cut or doubled.
    const base = pick(random, FRAGMENTS.slice(-4));
    const chars = [...base];
    for (let k = int(random, 6); k > 0; k--) chars.splice(int(random, chars.length + 1), int(random, 3), pick(random, FRAGMENTS));
    return chars.join('');
  }
  if (shape === 2) return `${'['.repeat(int(random, 3000))}${pick(random, FRAGMENTS)}${']'.repeat(int(random, 3000))}`;
  if (shape === 3) return Array.from({ length: 1 + int(random, 64) }, () => String.fromCharCode(int(random, 0x10000))).join('');
  return Array.from({ length: 1 + int(random, 80) }, () => pick(random, FRAGMENTS)).join('');
}

describe(`the parser and the report under random and hostile replies (seed ${SEED})`, () => {
  it('every reply ends in one outcome, is scored, and reports, with no throw and no parser failure', () => {
    const random = createMulberry32(SEED);
    const rubric = RubricSchema.parse({});
    const testCase = makeCase('c', '이사 준비하기');
    for (let i = 0; i < REPLIES; i++) {
      const raw = hostileReply(random);
      const where = `seed ${SEED}, reply ${i}: ${JSON.stringify(raw.slice(0, 120))}`;
      const parsed = parseReply(raw);
      expect(OUTCOMES, where).toContain(parsed.outcome);
      if (parsed.outcome === 'format_error') expect(parsed.error, where).not.toMatch(/^parser failed/);
      const scored = scoreTrial({ testCase, outcome: parsed.outcome, reply: parsed.reply }, rubric);
      if (scored.score !== null) expect(Number.isFinite(scored.score), where).toBe(true);
      const result = makeResult({ raw, outcome: parsed.outcome, reply: parsed.reply, ...scored, pass: false, input: raw });
      const summary = buildSummary([toAggregateRow(result)], { runId: 'r', startedAt: 's', finishedAt: 'f', complete: true, passThreshold: 0.7, variantOrder: [], targetOrder: [] });
      // Model text sits in code spans, where no renderer makes markup of it: nothing outside them may.
      expect(stripCodeSpans(renderReportMd(summary, { failing: selectFailingCases([result]) })), where).not.toMatch(/<script/i);
    }
  });
});

describe(`a run whose provider sends random and hostile replies (seed ${SEED})`, () => {
  it('ends in 0, 1 or 2 with every reply a result, and its report and compare read back', async () => {
    const random = createMulberry32(SEED + 2);
    const replies = Array.from({ length: 30 }, () => hostileReply(random));
    const server = await startFakeServer({ responder: (req) => ({ text: replies[Number(/할 일 c(\d+) 하기/.exec(req.lastUserText)?.[1] ?? 0)] ?? '' }) });
    const root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': numberedCases(replies.length) });
    try {
      const env = { OPENAI_API_KEY: 'sk-test-fuzz-000000', OPENAI_BASE_URL: server.openaiBaseURL };
      for (const argv of [['run', '--targets', 'openai:fake-model', '--quiet', '--no-cache', '--out', 'run'], ['report', 'run'], ['compare', 'run', 'run']]) {
        const r = await runCli(argv, { cwd: root, env });
        const where = `seed ${SEED}, ${argv.join(' ')}: ${r.stderr}`;
        expect([0, 1, 2], where).toContain(r.code);
        expect(r.stderr, where).not.toMatch(/^\s+at /m);
      }
      expect(countLines(join(root, 'run', 'results.jsonl'))).toBe(replies.length * 2);
    } finally {
      await server.close();
      removeProject(root);
    }
  });
});

let pristine: string;
/** Two cases the mock gets right and one it gets wrong: failing rows are what the report reads most of. */
const CASES = '- { id: c1, input: 이사 준비하기, expect: { type: answer } }\n- { id: c2, input: 그거, expect: { type: question } }\n- { id: c3, input: 보고서 쓰기, expect: { type: invalid } }\n';
/** The mock, and a target nothing listens for: its calls end in provider errors, which readers treat apart. */
const TARGETS = 'targets:\n  - mock\n  - { provider: openai, model: m, id: refused, baseURL: "http://127.0.0.1:9/v1", maxRetries: 0, timeoutMs: 2000 }\n';
const ENV = { OPENAI_API_KEY: 'sk-test-fuzz-000000' };

beforeAll(async () => {
  pristine = makeProject({ 'subtodo-eval.yaml': `${CONFIG}${TARGETS}`, ...VARIANTS, 'cases/a.yaml': CASES });
  const run = await runCli(['run', '--repeat', '2', '--quiet', '--no-cache', '--out', 'run'], { cwd: pristine, env: ENV });
  // Exit 2: the refused target failed every call, which is the point.
  expect(run.code, run.stderr).toBe(2);
});

afterAll(() => removeProject(pristine));

const FILES = ['results.jsonl', 'summary.json', 'run.json'] as const;
type RunFile = (typeof FILES)[number];

/**
 * Values a hand edit or an attacker might put in each field, by file: wrong types, out-of-range
 * numbers, escape sequences, paths out of the project. Several once crashed a reader.
 */
const FIELDS: Record<RunFile, Record<string, unknown[]>> = {
  'results.jsonl': {
    error: [{ message: 42 }, { message: null, status: 'x' }, 'x', 42],
    reply: [{ type: 'answer', items: 'x' }, { type: 'bogus' }, 'x', 42],
    usage: [{ inputTokens: -5, outputTokens: 1e300 }, null, 'x'],
    costUsd: [-1000, 1e300, 'x'],
    scores: [{ count: { score: 7, reason: 1 } }, 'x', []],
    outcome: ['bogus', null],
    runId: ['another-run', 42],
    variant: ['unknown', '\u001b]0;t\u0007', null],
    trialId: ['', 'x', null],
    raw: [42, '\u001b[2J'.repeat(1000), { a: 1 }],
    input: [null, '\u202e'.repeat(100)],
    repeat: [-1, 1.5, 'x'],
  },
  'summary.json': {
    gate: [{ passed: false, cells: 'x' }, { passed: true, reasons: [1], cells: [{}], baselineOnly: 'x' }, 'x', null],
    finishedAt: [42, null, { a: 1 }],
    cells: ['x', [{}], null],
  },
  'run.json': {
    variants: ['x', [1], []],
    targets: ['x', [{ id: 1 }], []],
    selection: [{ cwd: '../../../../../../', config: 'etc/passwd' }, 'x', { cwd: 42 }],
    plannedCalls: [-1, 1e300, 'x', 0],
    passThreshold: [7, 'x'],
    runId: [42, '\u001b]0;t\u0007'],
    planHash: ['sha256:0', 42],
  },
};

/** One random corruption of one file of a run folder: what a kill, a disk, a hand edit or an attacker leaves. */
function corrupt(random: Random, dir: string): string {
  const file = random() < 0.5 ? 'results.jsonl' : pick(random, FILES);
  const path = join(dir, file);
  if (!existsSync(path)) return `${file}: absent`;
  const text = readFileSync(path, 'utf8');
  const kind = random() < 0.5 ? 'field' : pick(random, ['cut', 'flip', 'append', 'reverse', 'double', 'remove']);
  if (kind === 'field') {
    // One field set to a hostile value: in every document of the file, or in one line of it.
    const [key, values] = pick(random, Object.entries(FIELDS[file]));
    const value = pick(random, values as unknown[]);
    const lines = file === 'results.jsonl' ? text.split('\n').filter(Boolean) : [text];
    const every = random() < 0.5;
    const at = int(random, lines.length);
    const edited = lines.map((line, i) => {
      if (!every && i !== at) return line;
      try {
        return JSON.stringify({ ...(JSON.parse(line) as object), [key]: value });
      } catch {
        return line;
      }
    });
    writeFileSync(path, `${edited.join('\n')}\n`);
    return `${file}: ${key} = ${JSON.stringify(value).slice(0, 60)}${every ? ' everywhere' : ` on line ${at + 1}`}`;
  }
  if (kind === 'flip') {
    const bytes = Buffer.from(text);
    for (let k = 1 + int(random, 8); k > 0; k--) bytes[int(random, bytes.length)] = int(random, 256);
    writeFileSync(path, bytes);
  } else if (kind === 'remove') rmSync(path);
  else if (kind === 'cut') writeFileSync(path, text.slice(0, int(random, text.length)));
  else if (kind === 'append') writeFileSync(path, `${text}${Array.from({ length: 1 + int(random, 5) }, () => hostileReply(random).replaceAll('\n', ' ')).join('\n')}\n`);
  else if (kind === 'reverse') writeFileSync(path, text.split('\n').reverse().join('\n'));
  else writeFileSync(path, `${text}${text}`);
  return `${file}: ${kind}`;
}

describe(`readers under random corruptions of a run folder (seed ${SEED})`, () => {
  it('report, compare and --resume end in 0, 1 or 2 with one-line messages: never exit 70, never a stack', async () => {
    const random = createMulberry32(SEED + 1);
    for (let i = 0; i < CORRUPTIONS; i++) {
      const root = mkdtempSync(join(tmpdir(), 'ste-fuzz-'));
      try {
        cpSync(pristine, root, { recursive: true });
        const done = [corrupt(random, join(root, 'run'))];
        if (random() < 0.5) done.push(corrupt(random, join(root, 'run')));
        cpSync(join(pristine, 'run'), join(root, 'base'), { recursive: true });
        for (const argv of [['report', 'run'], ['compare', 'base', 'run'], ['run', '--resume', 'run', '--quiet', '--no-cache']]) {
          const r = await runCli(argv, { cwd: root, env: ENV });
          const where = `seed ${SEED}, corruption ${i} (${done.join('; ')}), ${argv.join(' ')}: ${r.stderr}`;
          expect([0, 1, 2], where).toContain(r.code);
          expect(r.stderr, where).not.toMatch(/^\s+at /m);
          expect(r.stderr, where).not.toContain('internal error');
        }
        expect(readdirSync(join(root, 'run')).some((name) => name.startsWith('run.lock')), `seed ${SEED}, corruption ${i}: lock left behind`).toBe(false);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  }, 60_000);
});
