import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeServer, type FakeReply, type FakeServer, type RecordedRequest, type Responder } from '../fake-server/fake-server.ts';
import { gradedType, verdictText } from '../support/judge-fixtures.ts';
import { fakeEnv, listRunDirs, makeProject, removeProject, runCli, VARIANTS } from './e2e-support.ts';

/**
 * A small project for judge runs: two variants (`plain`, `json-shots`) whose replies the fake
 * model tells apart, and four cases — one with a reference reply, one with history, one where two
 * types are acceptable, one that is not a to-do.
 */
export const JUDGE_CASES = [
  '- id: c-move',
  '  input: 토요일 오후 3시 원룸 이사 준비하기',
  '  expect: { type: answer }',
  '  reference: { type: answer, items: [이사 업체에 토요일 오후 3시 예약 확인하기, 짐 싸기, 관리비 정산하기] }',
  '- id: c-meet',
  '  input: 회의 준비',
  '  expect: { type: answer }',
  '  history:',
  '    - { role: user, content: 회의 준비 }',
  '    - { role: assistant, content: "언제, 누구와 하는 회의인가요?" }',
  '    - { role: user, content: 내일 오후 2시 팀원 다섯 명과 분기 회고 }',
  '- id: c-run',
  '  input: 운동하기',
  '  expect: { type: question, acceptable: [answer] }',
  '- id: c-code',
  '  input: 파이썬 스크립트 짜줘',
  '  expect: { type: invalid }',
  '',
].join('\n');

/** The to-do marker of each case, as found in the last user text. */
export const MARKERS = { 'c-move': '원룸 이사', 'c-meet': '회의 준비', 'c-run': '운동하기', 'c-code': '파이썬' } as const;
export type CaseId = keyof typeof MARKERS;

export function caseOf(text: string): CaseId {
  // The reply section of a judge prompt repeats words of the reply: look in the to-do only.
  const todo = /<todo>\n([\s\S]*?)\n<\/todo>/.exec(text)?.[1] ?? text;
  const found = (Object.keys(MARKERS) as CaseId[]).find((id) => todo.includes(MARKERS[id]));
  if (!found) throw new Error(`no case marker in: ${todo.slice(0, 80)}`);
  return found;
}

/** The model under test: a reply per case; `plain`'s items carry "(꼼꼼)", json-shots' do not. */
export function replyFor(req: RecordedRequest): string {
  const careful = req.systemText.includes('플래너');
  const tag = careful ? ' (꼼꼼)' : '';
  switch (caseOf(req.lastUserText)) {
    case 'c-move':
      return JSON.stringify({ type: 'answer', items: [`이사 업체 예약 확인하기${tag}`, '짐 싸기', '관리비 정산하기'] });
    case 'c-meet':
      return JSON.stringify({ type: 'answer', items: [`회고 안건 정리하기${tag}`, '팀원 다섯 명에게 일정 공유하기'] });
    case 'c-run':
      return JSON.stringify({ type: 'question', items: [`어떤 운동을 하고 싶나요?${tag}`] });
    case 'c-code':
      return JSON.stringify({ type: 'invalid', message: `적합한 투두 형식이 아닙니다.${tag}` });
  }
}

/** The levels a scripted judge gives, per case: every dimension at 2 except these. */
export const SCRIPTED_LEVELS: Record<CaseId, Record<string, number>> = {
  'c-move': { order: 1 },
  'c-meet': { keeps_details: 1, granularity: 1 },
  'c-run': { answerable: 0 },
  'c-code': {},
};

export const isJudgeRequest = (req: RecordedRequest) => req.systemText.includes('<criteria type="');
export const isPairRequest = (req: RecordedRequest) => req.lastUserText.includes('<reply_a>');

/** The fake server as model and judge at once: judge requests get `judge(req)`, pairs `pair(req)`, the rest a reply. */
export function responder(judge: (req: RecordedRequest) => string, pair?: (req: RecordedRequest) => string) {
  return (req: RecordedRequest): FakeReply => {
    if (isJudgeRequest(req)) return { text: judge(req) };
    if (isPairRequest(req)) return { text: pair ? pair(req) : '{"reason": "no opinion", "winner": "tie"}' };
    return { text: replyFor(req) };
  };
}

/** The scripted judge: each dimension's verdict as SCRIPTED_LEVELS says, in a code fence after a sentence. */
export function scriptedJudge(req: RecordedRequest): string {
  const type = gradedType(req.systemText);
  return `채점 결과입니다.\n\`\`\`json\n${verdictText(type, 2, SCRIPTED_LEVELS[caseOf(req.lastUserText)])}\n\`\`\``;
}

/** Prefers the careful reply wherever it is shown: the same verdict in both orders. */
export function fairPairJudge(req: RecordedRequest): string {
  const a = /<reply_a>([\s\S]*?)<\/reply_a>/.exec(req.lastUserText)?.[1] ?? '';
  const b = /<reply_b>([\s\S]*?)<\/reply_b>/.exec(req.lastUserText)?.[1] ?? '';
  const winner = a.includes('(꼼꼼)') ? 'A' : b.includes('(꼼꼼)') ? 'B' : 'tie';
  return JSON.stringify({ reason: '더 구체적이다', winner });
}

/** Always picks whatever is shown first: its two orders always disagree. */
export function firstPositionJudge(): string {
  return JSON.stringify({ reason: '첫 번째가 낫다', winner: 'A' });
}

export function judgeConfig(judge: string, extra = ''): string {
  return [
    'prompts: prompts/*.yaml',
    'cases: cases/*.yaml',
    'concurrency: 4',
    'judge:',
    `  target: ${judge}`,
    ...(extra === '' ? [] : [extra]),
    'rubric:',
    '  criteria:',
    '    - { name: schema, weight: 1 }',
    '    - { name: type, weight: 2 }',
    '    - { name: judge, weight: 2 }',
    '',
  ].join('\n');
}

/** The fake server and a temp project with the two variants and JUDGE_CASES. */
export interface JudgeProject {
  server: FakeServer;
  root: string;
}

export async function startJudgeProject(): Promise<JudgeProject> {
  return { server: await startFakeServer(), root: makeProject({ ...VARIANTS, 'cases/all.yaml': JUDGE_CASES }) };
}

export async function stopJudgeProject(project: JudgeProject): Promise<void> {
  await project.server.close();
  removeProject(project.root);
}

/** One `run` with this config and responder, in a run folder of its own; the requests it sent come back with it. */
export async function runJudged(project: JudgeProject, config: string, args: string[], respond: Responder, key: string) {
  const { server, root } = project;
  writeFileSync(join(root, 'subtodo-eval.yaml'), config);
  server.setResponder(respond);
  const first = server.requests.length;
  const before = new Set(listRunDirs(root));
  const result = await runCli(['run', '--no-cache', ...args], { cwd: root, env: fakeEnv(server, key) });
  const made = listRunDirs(root).filter((d) => !before.has(d));
  if (made.length !== 1) throw new Error(`expected one new run folder, found ${made.length}: ${result.stderr}`);
  return { ...result, dir: made[0] as string, requests: server.requests.slice(first) };
}
