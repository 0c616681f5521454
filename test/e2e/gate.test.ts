import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateVerdict } from '../../src/aggregate/summary-types.ts';
import { defaultResponder, FORMAT_ERROR_TEXT } from '../fake-server/default-responder.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import type { Responder } from '../fake-server/fake-types.ts';
import { findAll, parseXml } from '../report/parse-xml.ts';
import { CONFIG, fakeEnv, listRunDirs, makeProject, readReport, readSummary, removeProject, runCli } from './e2e-support.ts';

/**
 * One variant, `cand`, whose prompt changes between runs: the fake model answers well or not by
 * the STYLE word in the system prompt, case by case, so each run's scores are known in advance.
 * base misses cases 1–2; better misses none; worse misses 1–8; noisy misses 3–4 (a tie with base).
 */
const MISSES: Record<string, readonly number[]> = { base: [1, 2], better: [], worse: [1, 2, 3, 4, 5, 6, 7, 8], noisy: [3, 4] };
const CASES = `${Array.from({ length: 12 }, (_, i) => `- { id: c${String(i + 1).padStart(2, '0')}, input: "과제 ${i + 1} 보고서 준비하기", expect: { type: answer } }`).join('\n')}\n`;
const TARGET = 'openai:fake-model';
const CELL = `cand × ${TARGET}`;

const byStyle: Responder = (req) => {
  const style = /STYLE-(\w+)/.exec(req.systemText)?.[1] ?? 'base';
  const n = Number(/과제 (\d+)/.exec(req.lastUserText)?.[1]);
  return (MISSES[style] ?? []).includes(n) ? { text: FORMAT_ERROR_TEXT } : defaultResponder(req);
};

function variant(style: string): string {
  return [
    'id: cand',
    `system: "당신은 할 일을 하위 할 일로 나누는 플래너입니다. STYLE-${style}"`,
    'format: xml',
    'examples:',
    '  - input: 이사 준비하기',
    '    output: { type: answer, items: [짐 싸기, 이사 업체 예약하기] }',
    '',
  ].join('\n');
}

let server: FakeServer;
let root: string;

async function run(style: string, out: string, flags: string[] = [], env: Record<string, string> = {}) {
  writeFileSync(join(root, 'prompts/cand.yaml'), variant(style));
  return runCli(['run', '--targets', TARGET, '--quiet', '--no-cache', '--out', out, ...flags], { cwd: root, env: { ...fakeEnv(server), ...env } });
}

function gateOf(out: string): GateVerdict | undefined {
  return readSummary(join(root, out)).gate;
}

function gateLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('gate:'));
}

beforeAll(async () => {
  server = await startFakeServer({ responder: byStyle });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, 'prompts/cand.yaml': variant('base'), 'cases/a.yaml': CASES });
  const base = await run('base', 'runs/base');
  expect(base.code).toBe(0);
  expect(gateOf('runs/base')).toBeUndefined();
  expect(readSummary(join(root, 'runs/base')).cells[0]?.meanScore).toBeCloseTo(10 / 12, 2);
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe('run --baseline (max-drop 0 by default: evidence of any drop fails)', () => {
  it('a better prompt passes: exit 0, the verdict in summary.json', async () => {
    const r = await run('better', 'runs/better', ['--baseline', 'runs/base']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const gate = gateOf('runs/better');
    expect(gate).toMatchObject({ passed: true, baseline: 'runs/base', maxDrop: 0, reasons: [], baselineOnly: [] });
    expect(gate?.baselineRunId).toBe(readSummary(join(root, 'runs/base')).runId);
    expect(gate?.cells[0]?.baseline?.diff?.meanDiff).toBeGreaterThan(0);
  });

  it('a clearly worse prompt fails: exit 1, one stderr line naming the cell, the verdict in summary.json and report.md', async () => {
    const r = await run('worse', 'runs/worse', ['--baseline', 'runs/base']);
    expect(r.code).toBe(1);
    expect(gateLines(r.stderr)).toEqual([
      `gate: ${CELL}: score 0.333 vs baseline 0.833: change -0.50 over 12 cases; upper bound -0.11 < 0.00 (max-drop 0: one-sided 95%; p = 0.016): evidence the drop exceeds 0; could detect drops ≥ 0.40 (80% power)`,
    ]);
    expect(r.stderr.trimEnd().split('\n')).toEqual(gateLines(r.stderr));
    const gate = gateOf('runs/worse');
    expect(gate?.passed).toBe(false);
    expect(gate?.cells[0]?.failed).toEqual(['max-drop']);
    expect(gate?.reasons).toEqual([gateLines(r.stderr)[0]?.slice('gate: '.length)]);
    const report = readReport(join(root, 'runs/worse'));
    expect(report).toContain('## Quality gate: ❌ failed');
    expect(report.indexOf('## Quality gate')).toBeLessThan(report.indexOf('## Ranking'));
  });

  it('a noisy tie passes: as many cases got worse as better', async () => {
    const r = await run('noisy', 'runs/noisy', ['--baseline', 'runs/base']);
    expect(r.code).toBe(0);
    const diff = gateOf('runs/noisy')?.cells[0]?.baseline?.diff;
    expect(diff?.meanDiff).toBeCloseTo(0, 9);
    expect(diff?.significant).toBe(false);
  });

  it('--max-drop larger than the drop lets a significant drop pass', async () => {
    const r = await run('worse', 'runs/worse-tolerated', ['--baseline', 'runs/base', '--max-drop', '0.6']);
    expect(r.code).toBe(0);
    expect(gateOf('runs/worse-tolerated')).toMatchObject({ passed: true, maxDrop: 0.6, mode: 'max-drop', metric: 'score' });
  });

  it('a passing gate says what it checked and what it could have seen', async () => {
    writeFileSync(join(root, 'prompts/cand.yaml'), variant('noisy'));
    const r = await runCli(['run', '--targets', TARGET, '--no-cache', '--out', 'runs/noisy-loud', '--baseline', 'runs/base', '--max-drop', '0.1'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    expect(gateLines(r.stderr)).toEqual([expect.stringMatching(/^gate: passed \(1 cell checked; max-drop 0\.1: no evidence of a score drop over 0\.1; could detect drops ≥ 0\.\d\d \(80% power\)\)$/)]);
  });

  it('thresholds.maxDrop in the config acts with --baseline; the flag overrides it', async () => {
    writeFileSync(join(root, 'subtodo-eval.yaml'), `${CONFIG}thresholds: { maxDrop: 0.6 }\n`);
    try {
      expect((await run('worse', 'runs/config-drop', ['--baseline', 'runs/base'])).code).toBe(0);
      expect((await run('worse', 'runs/flag-drop', ['--baseline', 'runs/base', '--max-drop', '0.1'])).code).toBe(1);
      // Without a baseline the configured max drop has nothing to act on: no gate.
      expect((await run('worse', 'runs/no-baseline')).code).toBe(0);
      expect(gateOf('runs/no-baseline')).toBeUndefined();
    } finally {
      writeFileSync(join(root, 'subtodo-eval.yaml'), CONFIG);
    }
  });

  it('--gate-metric: a drop in type accuracy fails; the quality of the replies of a right type did not drop', async () => {
    // 6 cases went from a right type to a format error, none back: the exact test on 0/1 values.
    const accuracy = await run('worse', 'runs/worse-accuracy', ['--baseline', 'runs/base', '--max-drop', '0.05', '--gate-metric', 'classification']);
    expect(accuracy.code).toBe(1);
    expect(gateLines(accuracy.stderr)).toEqual([expect.stringMatching(new RegExp(`^gate: ${CELL}: type accuracy 0\\.333 vs baseline 0\\.833: change -0\\.50 over 12 cases; upper bound -0\\.\\d+ < -0\\.05 `))]);
    expect(gateOf('runs/worse-accuracy')?.cells[0]?.baseline?.diff).toMatchObject({ method: 'sign-flip', changed: 6 });
    expect(gateOf('runs/worse-accuracy')?.cells[0]).toMatchObject({ value: expect.closeTo(4 / 12, 9), baseline: { value: expect.closeTo(10 / 12, 9) } });
    const quality = await run('worse', 'runs/worse-quality', ['--baseline', 'runs/base', '--gate-metric', 'quality']);
    expect(quality.code).toBe(0);
    expect(gateOf('runs/worse-quality')?.cells[0]?.baseline?.diff).toMatchObject({ n: 4, meanDiff: 0 });
  });

  it('thresholds.metric in the config picks the metric of --fail-under too', async () => {
    writeFileSync(join(root, 'subtodo-eval.yaml'), `${CONFIG}thresholds: { metric: classification, failUnder: 0.9 }\n`);
    try {
      const r = await run('base', 'runs/config-metric');
      expect(r.code).toBe(1);
      expect(gateLines(r.stderr)).toEqual([`gate: ${CELL}: type accuracy 0.833 < fail-under 0.9 (12 cases)`]);
    } finally {
      writeFileSync(join(root, 'subtodo-eval.yaml'), CONFIG);
    }
  });

  it('the same prompt against itself passes', async () => {
    const r = await run('base', 'runs/same', ['--baseline', 'runs/base']);
    expect(r.code).toBe(0);
    expect(gateOf('runs/same')?.cells[0]?.baseline?.diff?.meanDiff).toBe(0);
  });
});

describe('run --baseline --gate non-inferiority (the change must show it is no worse than the margin)', () => {
  it('the same prompt passes: nothing changed, the lower bound is 0', async () => {
    const r = await run('base', 'runs/ni-same', ['--baseline', 'runs/base', '--gate', 'non-inferiority', '--max-drop', '0.05']);
    expect(r.code).toBe(0);
    expect(gateOf('runs/ni-same')).toMatchObject({ passed: true, mode: 'non-inferiority', maxDrop: 0.05 });
    expect(gateOf('runs/ni-same')?.cells[0]?.baseline?.diff?.margin).toMatchObject({ mode: 'non-inferiority', bound: 0, confidence: 0.95 });
  });

  it('a noisy tie fails: 12 cases cannot show that 4 changed cases hide no drop of 0.1', async () => {
    const r = await run('noisy', 'runs/ni-noisy', ['--baseline', 'runs/base', '--gate', 'non-inferiority', '--max-drop', '0.1']);
    expect(r.code).toBe(1);
    expect(gateLines(r.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(`^gate: ${CELL}: score 0\\.833 vs baseline 0\\.833: change 0\\.00 over 12 cases; lower bound -0\\.\\d+ is not above -0\\.10 \\(non-inferiority 0\\.1: one-sided 95%; p = [\\d.]+\\): no evidence the drop is under 0\\.1; `),
      ),
    ]);
    expect(gateOf('runs/ni-noisy')?.cells[0]?.failed).toEqual(['non-inferiority']);
  });

  it('thresholds.gate in the config sets the mode; the flag overrides it', async () => {
    writeFileSync(join(root, 'subtodo-eval.yaml'), `${CONFIG}thresholds: { gate: non-inferiority, maxDrop: 0.1 }\n`);
    try {
      expect((await run('noisy', 'runs/config-ni', ['--baseline', 'runs/base'])).code).toBe(1);
      expect((await run('noisy', 'runs/flag-max-drop', ['--baseline', 'runs/base', '--gate', 'max-drop'])).code).toBe(0);
    } finally {
      writeFileSync(join(root, 'subtodo-eval.yaml'), CONFIG);
    }
  });
});

describe('run --fail-under', () => {
  it.each([
    ['under the mean score passes', '0.8', 0],
    ['over the mean score fails, naming the cell', '0.9', 1],
  ])('%s', async (_what, floor, code) => {
    const out = `runs/floor-${floor}`;
    const r = await run('base', out, ['--fail-under', floor]);
    expect(r.code).toBe(code);
    expect(gateLines(r.stderr)).toEqual(code === 0 ? [] : [expect.stringMatching(new RegExp(`^gate: ${CELL}: score 0\\.8\\d\\d < fail-under 0\\.9 \\(12 cases\\)$`))]);
    expect(gateOf(out)).toMatchObject({ passed: code === 0, failUnder: Number(floor) });
    expect(gateOf(out)).not.toHaveProperty('baseline');
  });

  it('thresholds.failUnder in the config gates every run; the flag overrides it', async () => {
    writeFileSync(join(root, 'subtodo-eval.yaml'), `${CONFIG}thresholds: { failUnder: 0.9 }\n`);
    try {
      expect((await run('base', 'runs/config-floor')).code).toBe(1);
      expect((await run('base', 'runs/flag-floor', ['--fail-under', '0.5'])).code).toBe(0);
    } finally {
      writeFileSync(join(root, 'subtodo-eval.yaml'), CONFIG);
    }
  });

  it('an interrupted run exits 130 even when its gate fails, with the verdict recorded', async () => {
    writeFileSync(join(root, 'prompts/cand.yaml'), variant('base'));
    const stopped = await runCli(['run', '--targets', TARGET, '--quiet', '--no-cache', '--out', 'runs/stopped', '--fail-under', '1'], {
      cwd: root,
      env: fakeEnv(server),
      stop: AbortSignal.abort(),
    });
    expect(stopped.code).toBe(130);
    expect(gateOf('runs/stopped')).toMatchObject({ failUnder: 1 });
  });
});

describe('run --junit and GITHUB_STEP_SUMMARY', () => {
  it('writes JUnit XML with a test case per case and the gate suite', async () => {
    const r = await run('worse', 'runs/junit', ['--baseline', 'runs/base', '--junit', 'out/junit.xml']);
    expect(r.code).toBe(1);
    const root_ = parseXml(readFileSync(join(root, 'out/junit.xml'), 'utf8'));
    const [cell, gate] = findAll(root_, 'testsuite');
    expect(cell?.attrs).toMatchObject({ name: CELL, tests: '12', failures: '8', errors: '0' });
    expect(findAll(cell!, 'testcase').map((c) => c.attrs['name']).sort()).toEqual(['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', 'c12']);
    expect(findAll(cell!, 'failure')[0]?.attrs['message']).toBe('expected answer, got format_error: score 0.000 < pass threshold 0.7');
    expect(gate?.attrs).toMatchObject({ name: 'quality gate', tests: '1', failures: '1' });
    expect(findAll(gate!, 'failure')[0]?.attrs['message']).toMatch(new RegExp(`^${CELL}: score .* upper bound -0\\.\\d+ < 0\\.00 \\(max-drop 0: `));
  });

  it('appends the scorecard with the gate verdict at its top to the job summary', async () => {
    const stepSummary = join(root, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const r = await run('worse', 'runs/ci', ['--baseline', 'runs/base'], { GITHUB_STEP_SUMMARY: stepSummary });
    expect(r.code).toBe(1);
    const text = readFileSync(stepSummary, 'utf8');
    expect(text.startsWith('# earlier step\n# subtodo-eval scorecard')).toBe(true);
    expect(text.indexOf('## Quality gate: ❌ failed')).toBeLessThan(text.indexOf('## Ranking'));
    expect(text.match(/## Quality gate/g)).toHaveLength(1);
    // report.md carries the same verdict, and `report` keeps it when rebuilding.
    const report = readFileSync(join(root, 'runs/ci/report.md'), 'utf8');
    expect(report).toContain('## Quality gate: ❌ failed');
    const gate = gateOf('runs/ci');
    expect((await runCli(['report', 'runs/ci'], { cwd: root, env: {} })).code).toBe(0);
    // Rebuilt whole: the margin test, the mode and the metric survive, so the gate table reads the same.
    expect(gateOf('runs/ci')).toEqual(gate);
    expect(gate?.cells[0]?.baseline?.diff?.margin).toMatchObject({ mode: 'max-drop', margin: 0 });
    expect(readFileSync(join(root, 'runs/ci/report.md'), 'utf8')).toBe(report);
    expect(text).toContain(CELL.replace(' × ', '` × `'));
  });

  it('--json prints the summary with its gate', async () => {
    writeFileSync(join(root, 'prompts/cand.yaml'), variant('base'));
    const r = await runCli(['run', '--targets', TARGET, '--json', '--no-cache', '--out', 'runs/json', '--fail-under', '0.5'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { gate: GateVerdict }).gate).toMatchObject({ passed: true, failUnder: 0.5 });
  });
});

describe('gate mistakes exit 2 before any call', () => {
  it.each([
    ['--max-drop without --baseline', ['--max-drop', '0.05'], /^--max-drop needs --baseline <runDir>/],
    ['a --baseline that does not exist', ['--baseline', 'runs/nope'], /^--baseline runs\/nope: no such folder$/],
    ['a --baseline that is not a run', ['--baseline', 'cases'], /^--baseline cases: not a run folder \(no results\.jsonl there\)$/],
    ['a --fail-under out of range', ['--fail-under', '1.5'], /expected a number from 0 to 1, got "1\.5"/],
    ['a --max-drop that is not a number', ['--baseline', 'runs/base', '--max-drop', 'lots'], /expected a number from 0 to 1, got "lots"/],
    ['--gate without --baseline', ['--gate', 'non-inferiority'], /^--gate needs --baseline <runDir>/],
    ['--gate non-inferiority without a margin', ['--baseline', 'runs/base', '--gate', 'non-inferiority'], /^--gate non-inferiority needs a margin above 0 \(--max-drop <d> or thresholds\.maxDrop\)/],
    ['an unknown --gate', ['--baseline', 'runs/base', '--gate', 'strict'], /argument 'strict' is invalid\. Allowed choices are max-drop, non-inferiority/],
    ['an unknown --gate-metric', ['--fail-under', '0.5', '--gate-metric', 'bleu'], /argument 'bleu' is invalid\. Allowed choices are score, quality, classification/],
    ['--gate-metric with no gate', ['--gate-metric', 'quality'], /^--gate-metric needs a gate to measure: --fail-under <s> or --baseline <runDir>/],
  ])('%s', async (_what, flags, message) => {
    const before = server.requests.length;
    const r = await run('base', 'runs/never', flags);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(root, 'runs/never'))).toBe(false);
    expect(server.requests.length).toBe(before);
  });

  it('a baseline with no variant × target in common', async () => {
    const r = await runCli(['run', '--targets', 'anthropic:other', '--quiet', '--no-cache', '--out', 'runs/never', '--baseline', 'runs/base'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`--baseline runs/base: no variant × target in common with this run (baseline: ${CELL}; this run: cand × anthropic:other)\n`);
    expect(listRunDirs(root, 'runs')).not.toContain(join(root, 'runs/never'));
  });
});
