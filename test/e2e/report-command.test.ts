import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../src/aggregate/summary-types.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, makeProject, readReport, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CASES = [
  '- { id: a1, input: 이사 준비하기, expect: { type: answer }, tags: [home] }',
  '- { id: a2, input: 여행 계획 세우기, expect: { type: answer }, tags: [trip] }',
  '- { id: q1, input: "그거 하기 [[reply: question]]", expect: { type: question } }',
  '- { id: q2, input: "뭔가 하기 [[reply: answer]]", expect: { type: question } }',
  '- { id: f1, input: "정리하기 [[reply: format_error]]", expect: { type: answer } }',
  '- { id: p1, input: "청소하기 [[reply: provider_error]]", expect: { type: answer } }',
  '',
].join('\n');

let server: FakeServer;
let root: string;
let runDir: string;
let original: { summary: Summary; report: string };

beforeAll(async () => {
  server = await startFakeServer();
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
  const run = await runCli(['run', '--targets', 'openai:fake-model,anthropic:fake-claude', '--quiet', '--out', 'run'], { cwd: root, env: fakeEnv(server) });
  expect(run.code).toBe(0);
  runDir = join(root, 'run');
  original = { summary: readSummary(runDir), report: readReport(runDir) };
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

function withoutFinishedAt(summary: Summary): Omit<Summary, 'finishedAt'> {
  const { finishedAt: _finishedAt, ...rest } = summary;
  return rest;
}

describe('report <runDir>', () => {
  it('the run had something to rebuild: cells, comparisons and failing cases', () => {
    expect(original.summary.cells).toHaveLength(4);
    expect(original.summary.comparisons).toHaveLength(4); // 2 variant pairs (one per target) + 2 target pairs (one per variant)
    expect(original.report).toMatch(/## Provider errors[\s\S]*\| p1 \(/);
  });

  it('rebuilds summary.json and report.md exactly, from results.jsonl alone', async () => {
    rmSync(join(runDir, 'summary.json'));
    rmSync(join(runDir, 'report.md'));
    const r = await runCli(['report', 'run'], { cwd: root, env: {} });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('report.md');
    const rebuilt = readSummary(runDir);
    expect(withoutFinishedAt(rebuilt)).toEqual(withoutFinishedAt(original.summary));
    // Without the old summary the finish time is unknown; the start time stands in.
    expect(rebuilt.finishedAt).toBe(original.summary.startedAt);
    const header = /^Started .*$/m;
    expect(readReport(runDir).replace(header, '')).toBe(original.report.replace(header, ''));
  });

  it('keeps the finish time when summary.json is still there, so a second rebuild changes nothing', async () => {
    writeFileSync(join(runDir, 'summary.json'), `${JSON.stringify(original.summary, null, 2)}\n`);
    const r = await runCli(['report', runDir], { cwd: '/', env: {} });
    expect(r.code).toBe(0);
    expect(readSummary(runDir)).toEqual(original.summary);
    expect(readReport(runDir)).toBe(original.report);
  });

  it('skips a torn last line and says so', async () => {
    const results = join(runDir, 'results.jsonl');
    const text = readFileSync(results, 'utf8');
    writeFileSync(results, `${text}{"runId":"torn`);
    try {
      const r = await runCli(['report', 'run'], { cwd: root, env: {} });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/skipped 1 unreadable line\(s\): 25/);
      expect(withoutFinishedAt(readSummary(runDir))).toEqual(withoutFinishedAt(original.summary));
    } finally {
      writeFileSync(results, text);
    }
  });

  it('skips lines that parse as JSON but are not results (missing fields, unknown outcome)', async () => {
    const results = join(runDir, 'results.jsonl');
    const text = readFileSync(results, 'utf8');
    const good = JSON.parse(text.split('\n')[0]!) as Record<string, unknown>;
    const unknownOutcome = JSON.stringify({ ...good, trialId: 'x1', outcome: 'timeout' });
    writeFileSync(results, `${text}{"trialId":"zz","outcome":"answer"}\n${unknownOutcome}\n[1,2]\n`);
    try {
      const r = await runCli(['report', 'run'], { cwd: root, env: {} });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/skipped 3 unreadable line\(s\): 25, 26, 27/);
      expect(withoutFinishedAt(readSummary(runDir))).toEqual(withoutFinishedAt(original.summary));
    } finally {
      writeFileSync(results, text);
    }
  });

  it('keeps the minimum effect the run was read with', async () => {
    writeFileSync(join(runDir, 'summary.json'), `${JSON.stringify({ ...original.summary, minEffect: 0.5 }, null, 2)}\n`);
    try {
      const r = await runCli(['report', 'run'], { cwd: root, env: {} });
      expect(r.code).toBe(0);
      expect(readSummary(runDir).minEffect).toBe(0.5);
      expect(readReport(runDir)).toContain('≈ significant but smaller than the minimum effect 0.5');
    } finally {
      writeFileSync(join(runDir, 'summary.json'), `${JSON.stringify(original.summary, null, 2)}\n`);
    }
  });

  it('exits 2 on a folder that holds no run', async () => {
    const r = await runCli(['report', 'cases'], { cwd: root, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cases: no results\.jsonl there/);
  });
});
