import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, listRunDirs, makeProject, onlyRunDir, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CASES = [
  '- { id: move-house, input: 이사 준비하기, expect: { type: answer }, tags: [x, home] }',
  '- { id: move-office, input: 사무실 이전하기, expect: { type: answer }, tags: [work] }',
  '- { id: vague, input: "그거 하기 [[reply: question]]", expect: { type: question }, tags: [x] }',
  '- { id: code, input: "파이썬 코드 짜줘 [[reply: invalid]]", expect: { type: invalid } }',
  '',
].join('\n');

let server: FakeServer;
let root: string;
const run = (argv: string[]) => runCli(['run', '--targets', 'openai:fake-model', ...argv], { cwd: root, env: fakeEnv(server) });

beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());
beforeEach(() => {
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
  return () => removeProject(root);
});

describe('run flags', () => {
  it('--json prints the summary.json it wrote, and nothing else on stdout', async () => {
    const r = await run(['--json']);
    expect(r.code).toBe(0);
    const printed: unknown = JSON.parse(r.stdout);
    expect(printed).toEqual(readSummary(onlyRunDir(root)));
    expect(printed).toMatchObject({ complete: true, cells: [{}, {}] });
  });

  it('--quiet prints only the run folder, for scripts', async () => {
    const r = await run(['--quiet']);
    expect(r).toEqual({ code: 0, stdout: `${relative(root, onlyRunDir(root))}\n`, stderr: '' });
    expect(readResults(onlyRunDir(root))).toHaveLength(8);
  });

  it('without flags: progress on stderr, the scorecard and file paths on stdout', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[8\/8\] 100%/);
    const dir = onlyRunDir(root);
    expect(r.stdout).toContain('json-shots');
    expect(r.stdout).toContain(join('reports', dir.split('/').at(-1) ?? '', 'report.md'));
  });

  it('--out writes the run folder there and nothing under reports/', async () => {
    const r = await run(['--quiet', '--out', 'elsewhere/run-1']);
    expect(r.code).toBe(0);
    for (const name of ['run.json', 'results.jsonl', 'summary.json', 'report.md']) {
      expect(existsSync(join(root, 'elsewhere/run-1', name)), name).toBe(true);
    }
    expect(listRunDirs(root)).toEqual([]);
    const meta = JSON.parse(readFileSync(join(root, 'elsewhere/run-1/run.json'), 'utf8')) as { plannedCalls: number; targets: unknown[] };
    expect(meta).toMatchObject({ plannedCalls: 8, targets: [{ id: 'openai:fake-model', provider: 'openai', model: 'fake-model', simulated: false }] });
  });

  it('--out onto an earlier run exits 2 and leaves that run alone', async () => {
    expect((await run(['--quiet', '--out', 'out'])).code).toBe(0);
    const before = readFileSync(join(root, 'out/results.jsonl'), 'utf8');
    const requests = server.requests.length;
    const again = await run(['--quiet', '--out', 'out']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already there/);
    expect(readFileSync(join(root, 'out/results.jsonl'), 'utf8')).toBe(before);
    expect(server.requests.length).toBe(requests);
  });

  it.each([
    [['tag:x'], ['move-house', 'vague']],
    [['type:answer'], ['move-house', 'move-office']],
    [['move-*'], ['move-house', 'move-office']],
    [['tag:work', 'code'], ['code', 'move-office']],
  ])('--filter %j runs only %j', async (filter, ids) => {
    const requests = server.requests.length;
    const r = await run(['--quiet', '--filter', filter.join(',')]);
    expect(r.code).toBe(0);
    const results = readResults(onlyRunDir(root));
    expect([...new Set(results.map((x) => x.caseId))].sort()).toEqual(ids);
    expect(results).toHaveLength(2 * ids.length);
    expect(server.requests.length - requests).toBe(2 * ids.length);
  });

  it('--variants picks variants by name or glob', async () => {
    const r = await run(['--quiet', '--variants', 'json-*']);
    expect(r.code).toBe(0);
    const summary = readSummary(onlyRunDir(root));
    expect(summary.cells.map((c) => c.variant)).toEqual(['json-shots']);
    expect(summary.comparisons).toEqual([]);
  });

  it('--variants with an unknown name exits 2, naming the known ones, before any call', async () => {
    const requests = server.requests.length;
    const r = await run(['--variants', 'plain,nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown variant "nope" \(known: .*plain.*\)/);
    expect(r.stderr).toContain('json-shots');
    expect(listRunDirs(root)).toEqual([]);
    expect(server.requests.length).toBe(requests);
  });

  it('--repeat samples each case that many times', async () => {
    const r = await run(['--quiet', '--repeat', '2', '--variants', 'plain', '--filter', 'vague']);
    expect(r.code).toBe(0);
    const results = readResults(onlyRunDir(root));
    expect(results.map((x) => x.repeat).sort()).toEqual([0, 1]);
    expect(new Set(results.map((x) => x.trialId)).size).toBe(2);
    expect(readSummary(onlyRunDir(root)).cells[0]).toMatchObject({ calls: 2, n: 1 });
  });
});
