import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_BANNER } from '../../src/report/render-report-md.ts';
import { SIMULATED_JUDGE_BANNER } from '../../src/report/render-judge-md.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { fakeEnv, makeProject, onlyRunDir, readReport, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';
import { JUDGE_CASES, judgeConfig, responder, scriptedJudge } from './judge-support.ts';

let server: FakeServer;
let root: string;

beforeAll(async () => {
  server = await startFakeServer({ responder: responder(scriptedJudge) });
  root = makeProject({ ...VARIANTS, 'cases/all.yaml': JUDGE_CASES, 'subtodo-eval.yaml': judgeConfig('mock', '  pairwise: [plain, json-shots]') });
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe('judge: mock, grading replies of a real (fake-server) model', () => {
  let out: Awaited<ReturnType<typeof runCli>>;
  let dir: string;
  beforeAll(async () => {
    out = await runCli(['run', '--no-cache', '--targets', 'openai:fake-model', '--junit', 'out/junit.xml', '--fail-under', '0.99'], { cwd: root, env: fakeEnv(server) });
    dir = onlyRunDir(root);
  });

  it('grades in the rubric\'s shape, and no judge request reaches the server', () => {
    const results = readResults(dir);
    expect(results.every((r) => r.judge !== undefined && r.judge.verdict !== 'error' && !r.simulated)).toBe(true);
    expect(server.requests.every((r) => !r.systemText.includes('<criteria') && !r.lastUserText.includes('<reply_a>'))).toBe(true);
  });

  it('marks the run simulated in summary.json, report.md, the terminal, JUnit and the gate lines', () => {
    expect(out.code).toBe(1); // the gate: every cell is under 0.99
    const summary = readSummary(dir);
    expect(summary.simulated).toBe(true);
    expect(summary.judge?.simulated).toBe(true);
    expect(summary.cells.every((c) => !c.simulated)).toBe(true); // the replies themselves are real
    const report = readReport(dir);
    expect(report).toContain(SIMULATED_JUDGE_BANNER);
    expect(report).not.toContain(SIMULATED_BANNER);
    expect(report).toContain('Judge `mock` (simulated)');
    expect(out.stdout).toContain('⚠ simulated judge: the judge is the mock; its verdicts are made up.');
    expect(out.stderr).toContain('warning: the judge is the simulated `mock`: its verdicts are made up, and the run is marked simulated');
    const junit = readFileSync(join(root, 'out/junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="subtodo-eval [^"]+ \(simulated\)"/);
    expect(junit.match(/<property name="simulated" value="true"\/>/g)?.length).toBe(junit.match(/<testsuite /g)?.length);
    const gateLines = out.stderr.split('\n').filter((l) => l.startsWith('gate: '));
    expect(gateLines.length).toBeGreaterThan(0);
    expect(gateLines.every((l) => l.endsWith(' [simulated]'))).toBe(true);
    expect(summary.pairwise?.[0]).toMatchObject({ a: 'plain', b: 'json-shots', errors: 0 });
  });
});
