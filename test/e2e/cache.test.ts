import { DatabaseSync } from 'node:sqlite';
import { cacheFile } from '../../src/run/cache/sqlite-store.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAnswerText, defaultResponder, readTopic } from '../fake-server/default-responder.ts';
import { startFakeServer, withLatency, type FakeServer, type Responder } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, listFilesDeep, listRunDirs, makeProject, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CASES = [
  '- { id: move-house, input: 이사 준비하기, expect: { type: answer } }',
  '- { id: vague, input: "그거 하기 [[reply: question]]", expect: { type: question } }',
  '- { id: prose, input: "아무거나 [[reply: format_error]]", expect: { type: answer } }',
  '- { id: echo, input: "청소하기 [echo-key]", expect: { type: answer } }',
  '',
].join('\n');
const CALLS = 8; // 2 variants × 4 cases

const SECRET = 'sk-SECRET-cache-test-123';

/** The default replies, plus one that carries the caller's key back in the model's text. */
const responder: Responder = withLatency(
  (req) => (req.lastUserText.includes('[echo-key]') ? { text: buildAnswerText(`${readTopic(req.lastUserText)} ${req.headers['authorization'] ?? ''}`) } : defaultResponder(req)),
  5,
);

let server: FakeServer;
let root: string;
const run = (argv: string[], env: Record<string, string> = fakeEnv(server, SECRET)) =>
  runCli(['run', '--targets', 'openai:fake-model', '--quiet', ...argv], { cwd: root, env });
const byTrial = (dir: string) => new Map(readResults(join(root, dir)).map((r) => [r.trialId, r]));

beforeAll(async () => {
  server = await startFakeServer({ responder });
});
afterAll(() => server.close());
beforeEach(() => {
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
  return () => removeProject(root);
});

/** Entries in a cache folder's database, read as another process would. */
function countEntries(dir: string): number {
  const db = new DatabaseSync(cacheFile(dir), { readOnly: true });
  try {
    return Number(db.prepare('SELECT count(*) AS n FROM entries').get()?.['n']);
  } finally {
    db.close();
  }
}

describe('the response cache', () => {
  it('answers a re-run of an unchanged corpus without a single call, with the same scores and latencies', async () => {
    const start = server.requests.length;
    expect((await run(['--out', 'first'])).code).toBe(0);
    expect(server.requests.length - start).toBe(CALLS);
    expect(countEntries(join(root, '.cache'))).toBe(CALLS);

    const again = await run(['--out', 'second']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(server.requests.length - start).toBe(CALLS);

    const first = byTrial('first');
    const second = byTrial('second');
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [id, r] of second) {
      const was = first.get(id)!;
      expect(r).toMatchObject({ cached: true, attempts: 0, outcome: was.outcome, raw: was.raw, score: was.score, pass: was.pass, usage: was.usage, latencyMs: was.latencyMs });
      expect(was).toMatchObject({ cached: false, attempts: 1 });
    }
    // The format error was cached too: the model's text is what it is.
    expect([...second.values()].filter((r) => r.outcome === 'format_error')).toHaveLength(2);
    const cells = (dir: string) => readSummary(join(root, dir)).cells.map((c) => [c.variant, c.meanScore, c.passRate, c.latencyMs]);
    expect(cells('second')).toEqual(cells('first'));
  });

  it('calls again only what a prompt change touched', async () => {
    await run(['--out', 'first']);
    const start = server.requests.length;
    writeFileSync(join(root, 'prompts/plain.yaml'), VARIANTS['prompts/plain.yaml']!.replace('플래너입니다', '꼼꼼한 플래너입니다'));
    expect((await run(['--out', 'second'])).code).toBe(0);
    expect(server.requests.length - start).toBe(4);
    const results = readResults(join(root, 'second'));
    expect(results.filter((r) => r.cached).map((r) => r.variant)).toEqual(['json-shots', 'json-shots', 'json-shots', 'json-shots']);
  });

  it('keeps each --repeat sample apart', async () => {
    const start = server.requests.length;
    await run(['--out', 'first', '--repeat', '2']);
    await run(['--out', 'second', '--repeat', '3']);
    // The third sample is new; the first two come from the cache.
    expect(server.requests.length - start).toBe(2 * CALLS + CALLS);
    const second = readResults(join(root, 'second'));
    expect(second.filter((r) => !r.cached).map((r) => r.repeat)).toEqual(Array<number>(CALLS).fill(2));
  });

  it('--no-cache neither reads nor writes it', async () => {
    await run(['--out', 'warm']);
    const cacheFiles = listFilesDeep(join(root, '.cache'));
    const start = server.requests.length;
    expect((await run(['--out', 'cold', '--no-cache'])).code).toBe(0);
    expect(server.requests.length - start).toBe(CALLS);
    expect(readResults(join(root, 'cold')).every((r) => !r.cached)).toBe(true);
    expect(listFilesDeep(join(root, '.cache'))).toEqual(cacheFiles);

    const fresh = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
    try {
      const r = await runCli(['run', '--targets', 'openai:fake-model', '--quiet', '--no-cache'], { cwd: fresh, env: fakeEnv(server, SECRET) });
      expect(r.code).toBe(0);
      expect(existsSync(join(fresh, '.cache'))).toBe(false);
    } finally {
      removeProject(fresh);
    }
  });

  it('--cache-dir puts it elsewhere, relative to the current folder', async () => {
    await run(['--out', 'first', '--cache-dir', 'shared/cache']);
    expect(existsSync(join(root, '.cache'))).toBe(false);
    expect(countEntries(join(root, 'shared/cache'))).toBe(CALLS);
    const start = server.requests.length;
    await run(['--out', 'second', '--cache-dir', 'shared/cache']);
    expect(server.requests.length).toBe(start);
  });

  it('cannot be written: one warning, and the run goes on without it', async () => {
    writeFileSync(join(root, 'blocked'), 'a file, not a folder');
    const r = await run(['--out', 'first', '--cache-dir', 'blocked']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cache: cannot open blocked \(a file is in the way\); this run goes on without the cache$/)]);
    expect(readResults(join(root, 'first'))).toHaveLength(CALLS);
  });

  it('never holds the API key, even when the model text echoed it', async () => {
    await run(['--out', 'first']);
    expect(server.requests.some((r) => r.headers['authorization']?.includes(SECRET))).toBe(true);
    const echoed = readResults(join(root, 'first')).filter((r) => r.caseId === 'echo');
    expect(echoed.every((r) => r.raw?.includes('[redacted]'))).toBe(true);
    expect(countEntries(join(root, '.cache'))).toBe(CALLS);
    const files = listFilesDeep(join(root, '.cache'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file, 'latin1'), file).not.toContain('SECRET');
  });
});

describe('--offline', () => {
  it('answers from the cache alone: no call, and no key needed', async () => {
    await run(['--out', 'warm']);
    const start = server.requests.length;
    const r = await run(['--out', 'offline', '--offline'], { OPENAI_BASE_URL: server.openaiBaseURL });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(server.requests.length).toBe(start);
    expect(readResults(join(root, 'offline')).every((x) => x.cached)).toBe(true);
  });

  it('on a miss exits 2 naming the first one, before any call or any file', async () => {
    const start = server.requests.length;
    const r = await run(['--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--offline: no cached reply for variant json-shots, target openai:fake-model, case move-house in .cache (and 7 more); run once without --offline to fill the cache\n');
    expect(server.requests.length).toBe(start);
    expect(listRunDirs(root)).toEqual([]);
  });

  it('names a miss the warm cache does not cover (a new case)', async () => {
    await run(['--out', 'warm']);
    writeFileSync(join(root, 'cases/a.yaml'), `${CASES}- { id: added, input: 운동하기, expect: { type: answer } }\n`);
    const r = await run(['--out', 'offline', '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--offline: no cached reply for variant json-shots, target openai:fake-model, case added in \.cache \(and 1 more\)/);
    expect(existsSync(join(root, 'offline'))).toBe(false);
  });

  it('with --no-cache is a usage error', async () => {
    const r = await run(['--offline', '--no-cache']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--offline.*cannot be used with.*--no-cache/);
    expect(listRunDirs(root)).toEqual([]);
  });
});
