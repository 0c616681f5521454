import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalibrationFileSchema } from '../../src/calibrate/calibration-file.ts';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server/fake-server.ts';
import { gradedType, verdictText } from '../support/judge-fixtures.ts';
import { fakeEnv, listRunDirs, makeProject, readReport, removeProject, runCli, VARIANTS } from './e2e-support.ts';

/**
 * Eleven labeled replies. Each to-do carries its id, so the scripted judge knows which verdict to
 * give. L9 has no parseable reply and L10 the wrong type: a run would not ask the judge about them.
 * L11 gets an unusable verdict. The verdicts are chosen for a confusion the test can count by hand.
 */
const LABELED = `
- id: L1
  input: "[L1] 토요일 이사 준비하기"
  expect: { type: answer }
  reply: { type: answer, items: [이사 업체 예약하기, 짐 싸기] }
  human: { verdict: pass, mode: good, score: 0.9 }
- id: L2
  input: "[L2] 금요일까지 보고서 제출하기"
  expect: { type: answer }
  reply: { type: answer, items: [자료 모으기, 초안 쓰기, 제출하기] }
  human: { verdict: pass, mode: good, score: 0.8 }
- id: L3
  input: "[L3] 주말에 등산 가기"
  expect: { type: answer }
  reply: { type: answer, items: [코스 정하기, 물과 간식 챙기기] }
  human: { verdict: pass, mode: good, score: 0.85 }
- id: L4
  input: "[L4] 마라톤 연습하기"
  expect: { type: answer }
  reply: { type: answer, items: [주 3회 달리기, 무릎이 아파도 진통제 먹고 달리기] }
  human: { verdict: fail, mode: unsafe, shownBy: meaning, score: 0.1 }
- id: L5
  input: "[L5] 집들이 준비하기"
  expect: { type: answer }
  reply: { type: answer, items: [계획 세우기, 준비하기, 실행하기] }
  human: { verdict: fail, mode: generic, shownBy: reply, score: 0.2 }
- id: L6
  input: "[L6] 수요일 오후 7시 강남역에서 민지랑 저녁 먹기"
  expect: { type: answer }
  reply: { type: answer, items: [식당 고르기, 예약하기, 만나기] }
  human: { verdict: fail, mode: lost-details, shownBy: meaning, score: 0.4 }
- id: L7
  input: "[L7] 여행 가기"
  expect: { type: question }
  reply: { type: question, items: [좋아하는 색이 무엇인가요?] }
  human: { verdict: fail, mode: irrelevant-questions, shownBy: meaning, score: 0.3 }
- id: L8
  input: "[L8] 파이썬으로 정렬 코드 짜줘"
  expect: { type: invalid }
  reply: { type: invalid, message: "할 일이 아닙니다. 참고로 sorted(list)를 쓰면 됩니다." }
  human: { verdict: fail, mode: answers-anyway, shownBy: meaning, score: 0.2 }
- id: L9
  input: "[L9] 청소하기"
  expect: { type: answer }
  raw: "음, 잘 모르겠어요"
  human: { verdict: fail, mode: no-reply, shownBy: reply, score: 0 }
- id: L10
  input: "[L10] 내일 오전 9시 치과 가기"
  expect: { type: answer }
  reply: { type: question, items: [어느 치과인가요?] }
  human: { verdict: fail, mode: wrong-type, shownBy: reply, score: 0.2 }
- id: L11
  input: "[L11] 우유 사기"
  expect: { type: answer }
  reply: { type: answer, items: [마트 가기, 우유 사기] }
  human: { verdict: pass, mode: good, score: 0.7 }
`;

/** What the scripted judge gives each labeled reply: every dimension at 2 except these. */
const LEVELS: Record<string, Record<string, number>> = {
  L1: {},
  L2: { order: 1 },
  L3: { safe: 0 },
  L4: { safe: 0 },
  L5: { specific: 0 },
  L6: { keeps_details: 1, granularity: 1, order: 1 },
  L7: { asks_missing: 0 },
  L8: {},
};

const PAIRS = `
- id: P1
  input: 토요일 오후 3시 이사 준비하기
  expect: { type: answer }
  a: { type: answer, items: ["(좋음) 이사 업체에 토요일 오후 3시 예약 확인하기", 짐 싸기] }
  b: { type: answer, items: [준비하기, 이사하기] }
  human: { prefer: a, note: "a는 시간과 업체를 살렸고, b는 빈말이다." }
- id: P2
  input: 다음 주 월요일 병원 예약하기
  expect: { type: answer }
  a: { type: answer, items: [병원 가기] }
  b: { type: answer, items: ["(좋음) 진료 과목 정하기", 월요일 오전 빈 시간 확인하기, 전화로 예약하기] }
  human: { prefer: b, note: "a는 할 일을 되풀이했다." }
- id: P3
  input: 장보기
  expect: { type: question }
  a: { type: question, items: ["(좋음) 무엇을 사야 하나요?"] }
  b: { type: question, items: [어떤 물건이 필요한가요?] }
  human: { prefer: tie, note: "같은 것을 다른 말로 묻는다." }
`;

function judge(req: RecordedRequest): { text: string } {
  if (req.lastUserText.includes('<reply_a>')) {
    const a = /<reply_a>([\s\S]*?)<\/reply_a>/.exec(req.lastUserText)?.[1] ?? '';
    return { text: JSON.stringify({ reason: '구체적이다', winner: a.includes('(좋음)') ? 'A' : 'B' }) };
  }
  const id = /\[(L\d+)\]/.exec(req.lastUserText)?.[1] ?? '';
  if (id === 'L11') return { text: '{"dimensions": "좋음"}' };
  if (!req.systemText.includes('<criteria')) return { text: '{"type": "answer", "items": ["준비물 챙기기", "출발하기"]}' };
  return { text: verdictText(gradedType(req.systemText), 2, LEVELS[id] ?? {}) };
}

const CONFIG = ['prompts: prompts/*.yaml', 'cases: cases/*.yaml', 'judge: openai:fake-judge', 'rubric:', '  criteria: [{ name: schema }, { name: type }, { name: judge }]', ''].join('\n');

let server: FakeServer;
let root: string;
let out: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  server = await startFakeServer({ responder: judge });
  root = makeProject({
    'subtodo-eval.yaml': CONFIG,
    ...VARIANTS,
    'cases/all.yaml': '- id: c1\n  input: "[L1] 토요일 이사 준비하기"\n  expect: { type: answer }\n',
    'cases/labeled/set.yaml': LABELED,
    'cases/labeled-pairs/pairs.yaml': PAIRS,
  });
  out = await runCli(['calibrate', '--judge'], { cwd: root, env: fakeEnv(server) });
});

afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe('calibrate --judge against a scripted judge', () => {
  it('prints accuracy, κ and Spearman that match a hand count', () => {
    expect(out.code).toBe(0);
    // Judged: L1–L8 (L9 no reply, L10 wrong type: not sent; L11 an error: left out).
    expect(out.stdout).toContain('Not sent to the judge, as in a run: 2 of 11 labeled replies (1 with no parseable reply, 1 of a type the case does not accept).');
    expect(out.stdout).toContain('Judge errors, left out of every figure: 1 reply (L11).');
    // human pass & judge pass: L1, L2 · human pass & judge fail: L3
    // human fail & judge pass: L6, L8 · human fail & judge fail: L4, L5, L7
    // accuracy = (2 + 3) / 8; κ: pₒ = 5/8, the person passes 3/8 and the judge 4/8, so
    // pₑ = 3/8 · 4/8 + 5/8 · 4/8 = 1/2 and κ = (5/8 − 1/2) / (1 − 1/2) = 1/4.
    expect(out.stdout).toMatch(/ {2}all +8 +62\.5% +\S+ +0\.25\n/);
    expect(out.stdout).toMatch(/human pass +2 +1\n +human fail +2 +3\n/);
    // Good replies and the reply-shown fault (L1, L2, L3, L5): 3 of 4; the person passes 3/4, the
    // judge 2/4: pₑ = 3/4 · 2/4 + 1/4 · 2/4 = 1/2, κ = (3/4 − 1/2) / (1/2) = 1/2.
    expect(out.stdout).toMatch(/ {2}fault shown by the reply, or good +4 +75\.0% +\S+ +0\.50\n/);
    // Meaning-only faults (L4, L6, L7, L8): the judge fails L4 and L7; every person's verdict is a
    // fail, so the formula gives κ = 0 whatever the judge did: no κ is printed, and a line says why.
    expect(out.stdout).toMatch(/ {2}fault only in the meaning +4 +50\.0% +\S+ +—\n/);
    expect(out.stdout).toContain('κ —: one side gave a single verdict to every reply of the row');
    // Spearman by hand. Judge scores (0 with a dimension at 0, else mean level/2): L1 1, L2 13/14,
    // L3 0, L4 0, L5 0, L6 11/14, L7 0, L8 1 → ranks 7.5, 6, 2.5, 2.5, 2.5, 5, 2.5, 7.5.
    // Human scores 0.9, 0.8, 0.85, 0.1, 0.2, 0.4, 0.3, 0.2 → ranks 8, 6, 7, 1, 2.5, 5, 4, 2.5.
    const rx = [7.5, 6, 2.5, 2.5, 2.5, 5, 2.5, 7.5];
    const ry = [8, 6, 7, 1, 2.5, 5, 4, 2.5];
    const dx = rx.map((r) => r - 4.5);
    const dy = ry.map((r) => r - 4.5);
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    const rho = sum(dx.map((x, i) => x * dy[i]!)) / Math.sqrt(sum(dx.map((x) => x * x)) * sum(dy.map((y) => y * y)));
    expect(rho).toBeCloseTo(14 / Math.sqrt(36.5 * 41.5), 12);
    expect(out.stdout).toContain(`Spearman ρ of the judge's score against the person's: ${rho.toFixed(3)} (n = 8).`);
  });

  it('prints agreement per failure mode, and the disagreements with the judge\'s reasons', () => {
    const table = out.stdout.slice(out.stdout.indexOf('per failure mode'), out.stdout.indexOf('disagreements'));
    const rows = table.split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.trim().split(/ +/));
    expect(rows).toEqual([
      ['good', 'either', '3', '66.7%'],
      ['generic', 'reply', '1', '100.0%'],
      ['irrelevant-questions', 'meaning', '1', '100.0%'],
      ['answers-anyway', 'meaning', '1', '0.0%'],
      ['unsafe', 'meaning', '1', '100.0%'],
      ['lost-details', 'meaning', '1', '0.0%'],
    ]);
    expect(out.stdout).toContain('  L6 [lost-details] human fail, grader pass: pass 0.79 — keeps_details 1: keeps_details 근거; order 1: order 근거; granularity 1: granularity 근거');
  });

  it('prints the agreement with human preferences on labeled pairs', () => {
    // P1 and P2: the judge picks the preferred reply in both orders; P3: the person saw a tie, the judge picked a.
    expect(out.stdout).toContain('Labeled pairs (cases/labeled-pairs/pairs.yaml): 3; 3 judged in both orders.');
    expect(out.stdout).toContain("  agreement with the person's preference 66.7% (2/3) · where the person preferred one (2): the judge chose it 2, tied 0, chose the other 0 · orders disagreed on 0");
    expect(out.stdout).toContain('  misses: P3 (person tie, judge a)');
  });

  it('stores the figures, and a later run with this judge cites them in report.md; a judge of the target\'s model is warned about', async () => {
    expect(out.stderr).toContain('wrote judge-calibration.json');
    const file = CalibrationFileSchema.parse(JSON.parse(readFileSync(join(root, 'judge-calibration.json'), 'utf8')));
    expect(file.judges).toHaveLength(1);
    expect(file.judges[0]).toMatchObject({ judge: 'openai:fake-judge', model: 'fake-judge', rubricId: 'subtodo-ko-v1', labeled: { n: 8, accuracy: 0.625, kappa: 0.25 }, pairs: { n: 3 } });
    const before = new Set(listRunDirs(root));
    const run = await runCli(['run', '--no-cache', '--targets', 'openai:fake-judge', '--variants', 'plain'], { cwd: root, env: fakeEnv(server) });
    expect(run.stderr).toContain('warning: the judge openai:fake-judge is the same model as target openai:fake-judge');
    const dir = listRunDirs(root).find((d) => !before.has(d)) as string;
    const report = readReport(dir);
    const day = file.judges[0]!.date.slice(0, 10);
    expect(report).toContain(`Calibration against human verdicts: ${day} (\`fake-judge\`): accuracy 63%, Cohen's κ 0.25 on 8 human-graded replies, Spearman ρ 0.36; 67% agreement on 3 labeled pairs.`);
    expect(report).toContain('> ⚠ The judge is the same model as target `openai:fake-judge`: it may favour its own replies.');
  });

  it('says so when the rubric changed since the calibration', async () => {
    const rubric = readFileSync(join(import.meta.dirname, '../../prompts/judge/rubric.ko.yaml'), 'utf8').replace('passScore: 0.75', 'passScore: 0.8');
    writeFileSync(join(root, 'my-rubric.yaml'), rubric);
    writeFileSync(join(root, 'subtodo-eval.yaml'), CONFIG.replace('judge: openai:fake-judge', 'judge: { target: openai:fake-judge, rubric: my-rubric.yaml }'));
    const before = new Set(listRunDirs(root));
    await runCli(['run', '--no-cache', '--targets', 'anthropic:fake-claude', '--variants', 'plain'], { cwd: root, env: fakeEnv(server) });
    const dir = listRunDirs(root).find((d) => !before.has(d)) as string;
    expect(readReport(dir)).toMatch(/> ⚠ Calibration against human verdicts: .* — with another version of the rubric, so it may no longer hold\./);
    writeFileSync(join(root, 'subtodo-eval.yaml'), CONFIG);
  });
});
