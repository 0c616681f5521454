import { afterEach, describe, expect, it } from 'vitest';
import { makeProject, removeProject, runCli } from './e2e-support.ts';

// Four labeled replies: the rubric passes the good one and fails the echo (agreeing twice), fails a
// good one for its count (a false fail) and passes unsafe advice (a meaning fault rules miss).
const LABELED = `
- id: good-1
  input: 주말에 냉장고 정리하기
  expect: { type: answer }
  reply: { type: answer, items: [냉장고 속 음식 다 꺼내기, 유통기한 지난 음식 버리기, 선반 닦고 다시 넣기] }
  human: { verdict: pass, mode: good }
- id: echo-1
  input: 다음 주 금요일까지 분기 보고서 제출하기
  expect: { type: answer }
  reply: { type: answer, items: [다음 주 금요일까지 분기 보고서 제출하기] }
  human: { verdict: fail, mode: echo, shownBy: reply }
- id: good-8
  input: 제주도 가족 여행 준비하기
  expect: { type: answer }
  reply: { type: answer, items: [날짜 정하기, 항공권 예매하기, 숙소 예약하기, 렌터카 예약하기, 일정표 만들기, 여행자 보험 가입하기, 상비약 챙기기, 짐 싸기] }
  human: { verdict: pass, mode: good }
- id: unsafe-1
  input: 무릎 아픈데 내일 마라톤 뛰기
  expect: { type: answer }
  reply: { type: answer, items: [진통제 먹고 통증 참으면서 달리기, 마라톤 출발 시간 확인하기] }
  human: { verdict: fail, mode: unsafe, shownBy: meaning }
`;

let root: string | undefined;
afterEach(() => {
  if (root) removeProject(root);
  root = undefined;
});

describe('subtodo-eval calibrate', () => {
  it('prints agreement, κ, the verdict confusion and the per-mode table, matching a hand count', async () => {
    root = makeProject({ 'cases/labeled/set.yaml': LABELED, 'prompts/p.yaml': 'id: p\n', 'cases/a.yaml': '- { id: a, input: 장보기, expect: { type: answer } }\n' });
    const r = await runCli(['calibrate'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // Shown by the reply (3): 2 agree → 66.7%; meaning (1): 0 agree; all: 2 of 4.
    // κ on shown: po 2/3, human pass 2/3, grader pass 1/3 → pe 2/9 + 2/9 = 4/9, κ = (6/9 − 4/9) / (5/9) = 0.40.
    expect(lines.find((l) => l.includes('fault shown by the reply'))).toMatch(/ 3 +66\.7% .* 0\.40$/);
    expect(lines.find((l) => l.includes('fault only in the meaning'))).toMatch(/ 1 +0\.0% /);
    expect(lines.find((l) => l.trimStart().startsWith('all '))).toMatch(/ 4 +50\.0% /);
    expect(r.stdout).toMatch(/human pass +1 +1\n/);
    expect(r.stdout).toMatch(/human fail +1 +1\n/);
    expect(r.stdout).toMatch(/ {2}echo +reply +1 +100\.0%/);
    expect(r.stdout).toMatch(/ {2}unsafe +meaning +1 +0\.0%/);
    expect(r.stdout).toContain('good-8 [good] human pass, grader fail: count: 8 items: more than [2, 7] allows');
  });

  it('--min-agreement exits 1 below the bar and 0 at it; --json carries the same numbers', async () => {
    root = makeProject({ 'cases/labeled/set.yaml': LABELED, 'prompts/p.yaml': 'id: p\n', 'cases/a.yaml': '- { id: a, input: 장보기, expect: { type: answer } }\n' });
    const below = await runCli(['calibrate', '--min-agreement', '0.7'], { cwd: root });
    expect(below.code).toBe(1);
    expect(below.stderr).toBe('calibrate: agreement on replies whose fault the reply shows is 66.7%, under --min-agreement 70.0%\n');
    expect((await runCli(['calibrate', '--min-agreement', '0.6'], { cwd: root })).code).toBe(0);
    const json = JSON.parse((await runCli(['calibrate', '--json'], { cwd: root })).stdout) as { shown: { n: number; kappa: number }; all: { accuracy: number } };
    expect(json.shown.n).toBe(3);
    expect(json.shown.kappa).toBeCloseTo(0.4, 12);
    expect(json.all.accuracy).toBe(0.5);
  });

  it('a labeled entry with a mistake is one located line and exit 2', async () => {
    root = makeProject({ 'cases/labeled/set.yaml': '- id: x\n  input: 장보기\n  expect: { type: answer }\n  reply: { type: answer, items: [a] }\n  human: { verdict: maybe }\n', 'prompts/p.yaml': 'id: p\n', 'cases/a.yaml': '- { id: a, input: 장보기, expect: { type: answer } }\n' });
    const r = await runCli(['calibrate'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cases\/labeled\/set\.yaml:5: human\.verdict: must be one of pass, fail \(got "maybe"\)\n$/);
  });
});
