import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fake-server/fake-server.ts';
import { dimensionIds, RUBRIC } from '../support/judge-fixtures.ts';
import { readReport, readResults, readSummary } from './e2e-support.ts';
import { caseOf, isJudgeRequest, judgeConfig, responder, runJudged, SCRIPTED_LEVELS, scriptedJudge, startJudgeProject, stopJudgeProject, type CaseId, type JudgeProject } from './judge-support.ts';

let project: JudgeProject;
beforeAll(async () => (project = await startJudgeProject()));
afterAll(() => stopJudgeProject(project));

const run = (config: string, args: string[] = [], judge: (req: RecordedRequest) => string = scriptedJudge) => runJudged(project, config, args, responder(judge), 'sk-test-judge-0000000000');

/** The judge score SCRIPTED_LEVELS gives a case: 0 with a dimension at 0, else the mean of level/2. */
function expectedJudgeScore(type: 'answer' | 'question' | 'invalid', id: CaseId): number {
  const levels = dimensionIds(type).map((d) => SCRIPTED_LEVELS[id][d] ?? 2);
  return levels.includes(0) ? 0 : levels.reduce((a, b) => a + b / 2, 0) / levels.length;
}

const TYPES: Record<CaseId, 'answer' | 'question' | 'invalid'> = { 'c-move': 'answer', 'c-meet': 'answer', 'c-run': 'question', 'c-code': 'invalid' };

describe.each([
  { replies: 'openai:fake-model', judge: 'anthropic:fake-judge', judgeApi: 'anthropic' },
  { replies: 'anthropic:fake-claude', judge: 'openai:fake-judge', judgeApi: 'openai' },
] as const)('a scripted $judgeApi judge grading $replies', ({ replies, judge, judgeApi }) => {
  let out: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    out = await run(judgeConfig(judge), ['--targets', replies, '--variants', 'plain']);
  });

  it('gives each dimension the level the judge wrote, and the score the rubric makes of them', () => {
    expect(out.code).toBe(0);
    const results = readResults(out.dir);
    expect(results).toHaveLength(4);
    for (const r of results) {
      const id = r.caseId as CaseId;
      const type = TYPES[id];
      expect(Object.keys(r.judge?.dimensions ?? {})).toEqual(dimensionIds(type));
      for (const d of dimensionIds(type)) expect(r.judge?.dimensions[d]).toEqual({ level: SCRIPTED_LEVELS[id][d] ?? 2, reason: `${d} 근거` });
      const judgeScore = expectedJudgeScore(type, id);
      expect(r.judge?.score).toBeCloseTo(judgeScore, 12);
      expect(r.judge?.verdict).toBe(judgeScore >= RUBRIC.passScore ? 'pass' : 'fail');
      expect(r.scores['judge']?.score).toBeCloseTo(judgeScore, 12);
      // schema 1 × 1 + type 2 × 1 + judge 2 × judge score, over 5.
      expect(r.score).toBeCloseTo((3 + 2 * judgeScore) / 5, 12);
    }
    const meet = results.find((r) => r.caseId === 'c-meet');
    expect(meet?.scores['judge']?.reason).toBe('pass 0.86 — keeps_details 1: keeps_details 근거; granularity 1: granularity 근거');
    const run_ = results.find((r) => r.caseId === 'c-run');
    expect(run_).toMatchObject({ judge: { verdict: 'fail', score: 0 } });
  });

  it('sends the judge the to-do, the history, the acceptable types, the reference and the reply, with the anchors of the reply type', () => {
    const judged = out.requests.filter(isJudgeRequest);
    expect(judged.map((r) => r.api)).toEqual([judgeApi, judgeApi, judgeApi, judgeApi]);
    const byCase = Object.fromEntries(judged.map((r) => [caseOf(r.lastUserText), r]));
    const move = byCase['c-move']!;
    expect(move.systemText).toContain('<criteria type="answer">');
    for (const d of RUBRIC.dimensions.answer) expect(move.systemText).toContain(`### ${d.id}: ${d.name}\n${d.question}\n- 2: ${d.anchors[2]}\n- 1: ${d.anchors[1]}\n- 0: ${d.anchors[0]}`);
    expect(move.systemText).not.toContain('### asks_missing');
    expect(move.lastUserText).toContain('<todo>\n토요일 오후 3시 원룸 이사 준비하기\n</todo>');
    expect(move.lastUserText).toContain('<reference_reply>\nanswer (하위 할 일 목록)\n1. 이사 업체에 토요일 오후 3시 예약 확인하기\n2. 짐 싸기\n3. 관리비 정산하기\n</reference_reply>');
    expect(move.lastUserText).toContain('<reply>\nanswer (하위 할 일 목록)\n1. 이사 업체 예약 확인하기 (꼼꼼)\n2. 짐 싸기\n3. 관리비 정산하기\n</reply>');
    expect(byCase['c-meet']!.lastUserText).toContain('<history>\n사용자: 회의 준비\nAI: 언제, 누구와 하는 회의인가요?\n사용자: 내일 오후 2시 팀원 다섯 명과 분기 회고\n</history>');
    expect(byCase['c-meet']!.lastUserText).not.toContain('<reference_reply>');
    expect(byCase['c-run']!.lastUserText).toContain('<expected_type>\nquestion (사용자에게 묻는 질문)\nanswer (하위 할 일 목록)\n</expected_type>');
    expect(byCase['c-code']!.systemText).toContain('<criteria type="invalid">');
    // One sample at temperature 0 by default.
    for (const r of judged) expect((r.body as { temperature?: number }).temperature).toBe(0);
  });

  it('puts the judge in summary.json and report.md: who, which rubric, what it graded', () => {
    const summary = readSummary(out.dir);
    expect(summary.simulated).toBe(false);
    expect(summary.judge).toMatchObject({ target: judge, simulated: false, rubricId: 'subtodo-ko-v1', asked: 4, graded: 4, errors: 0, calibration: null, sameModelAs: [] });
    const cell = summary.cells[0]!;
    expect(cell.judge).toMatchObject({ asked: 4, graded: 4, errors: 0, failedSamples: 0, passRate: 0.75 });
    expect(cell.judge?.dimensions['order']).toEqual({ n: 2, meanLevel: 1.5 });
    const report = readReport(out.dir);
    expect(report).toContain('## Judge');
    expect(report).toContain(`Judge \`${judge}\`: rubric \`subtodo-ko-v1\``);
    expect(report).toMatch(/Calibration against human verdicts: never calibrated/);
    expect(out.stdout).toMatch(/judge .* · calibration: never calibrated/);
  });
});

describe('a judge that fails', () => {
  /** Unusable for the history case only: a level of 3 and dimensions missing. */
  const brokenOnMeet = (req: RecordedRequest) => (caseOf(req.lastUserText) === 'c-meet' ? '{"dimensions": {"specific": {"reason": "좋음", "level": 3}}}' : scriptedJudge(req));

  it('is counted per cell and shown in the terminal and report.md; its cases are unscored, not 0', async () => {
    const out = await run(judgeConfig('openai:fake-judge'), ['--targets', 'anthropic:fake-claude'], brokenOnMeet);
    expect(out.code).toBe(0);
    const meet = readResults(out.dir).filter((r) => r.caseId === 'c-meet');
    expect(meet).toHaveLength(2);
    for (const r of meet) {
      expect(r).toMatchObject({ score: null, pass: null, judge: { verdict: 'error', score: null, failedSamples: 1 } });
      expect(r.judge?.error).toMatch(/^the judge's verdict does not fit the rubric: dimensions/);
      expect(r.scores['judge']).toMatchObject({ score: null, error: true });
    }
    const summary = readSummary(out.dir);
    expect(summary.judge).toMatchObject({ asked: 8, graded: 6, errors: 2 });
    for (const cell of summary.cells) {
      expect(cell.judge).toMatchObject({ asked: 4, graded: 3, errors: 1 });
      expect(cell.n).toBe(3); // the unscored case is not in the means
    }
    expect(out.stdout).toContain('⚠ judge openai:fake-judge: 2 of 8 judge verdicts failed: those cases are not scored (counted apart, never as 0 or a pass) (json-shots × anthropic:fake-claude: 1; plain × anthropic:fake-claude: 1).');
    const report = readReport(out.dir);
    expect(report).toContain('> ⚠ 2 of 8 judge verdicts failed');
    expect(report).toMatch(/\| plain \| anthropic:fake-claude \| 4 \| \*\*1\*\* \|/);
    // The failing-cases table names the judge's error, not a made-up score.
    expect(report).toMatch(/c-meet.*judge: judge error: .*does not fit the rubric/);
  });

  it('that fails on every call makes the run exit 2, after writing everything', async () => {
    const out = await run(judgeConfig('anthropic:fake-judge'), ['--targets', 'openai:fake-model', '--junit', 'out/judge.xml'], () => '좋은 응답입니다. 10점 만점에 9점.');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("judge anthropic:fake-judge: all 8 verdicts failed (last: the judge's reply has no JSON object with \"dimensions\")");
    for (const file of ['results.jsonl', 'summary.json', 'report.md']) expect(existsSync(join(out.dir, file))).toBe(true);
    expect(readSummary(out.dir).judge).toMatchObject({ asked: 8, graded: 0, errors: 8 });
    expect(readSummary(out.dir).cells.every((c) => c.n === 0 && c.meanScore === null)).toBe(true);
    const junit = readFileSync(join(project.root, 'out/judge.xml'), 'utf8');
    expect(junit).toContain('type="judge_error"');
  });
});
