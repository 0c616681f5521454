import type { Reply } from '../../../parse/reply-schema.ts';
import type { PromptFeatures } from './prompt-features.ts';

export const MOCK_REFUSAL = '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.';

const KO_STEPS = ['필요한 정보와 일정 확인하기', '준비물 목록 만들기', '세부 작업 순서 정하기', '시작 시간 정해서 실행하기', '끝난 뒤 결과 정리하기', '관련된 사람에게 공유하기'];
const EN_STEPS = ['Check the details and schedule', 'List what you need', 'Decide the order of tasks', 'Set a start time and begin', 'Review and wrap up'];
const KO_QUESTIONS = ['언제까지 해야 하나요?', '누구와 함께 하나요?', '어디에서 하나요?', '가장 중요한 목표는 무엇인가요?'];
const EN_QUESTIONS = ['When is it due?', 'Who is involved?', 'Where will it happen?'];

/** A plausible reply of the given type, built from the to-do, deterministic in `pick`. */
export function buildReply(type: Reply['type'], input: string, english: boolean, pick: number): Reply {
  if (type === 'invalid') return { type, message: MOCK_REFUSAL };
  if (type === 'question') {
    const pool = english ? EN_QUESTIONS : KO_QUESTIONS;
    return { type, items: pool.slice(0, 2 + (pick % 2)) };
  }
  const subject = shorten(input);
  const pool = english ? EN_STEPS : KO_STEPS;
  const n = 3 + (pick % 3);
  const first = english ? `Write down what "${subject}" involves` : `'${subject}' 할 일 범위 정하기`;
  return { type, items: [first, ...pool.slice(0, n - 1)] };
}

/** Renders the reply the way the prompt's examples and format ask for. */
export function writeReply(reply: Reply, features: PromptFeatures, reasoning: string): string {
  const thinking = features.asksReasoning ? `<thinking>${reasoning}</thinking>\n` : '';
  if (features.replyStyle === 'plain-json') return thinking + JSON.stringify(reply);
  if (features.replyStyle === 'seed-json') {
    const content = reply.type === 'invalid' ? reply.message : reply.items.map((s, i) => ({ subtodoNumber: i + 1, subtodoContent: s }));
    return thinking + '```json\n' + JSON.stringify({ type: reply.type, content }, null, 2) + '\n```';
  }
  const body = reply.type === 'invalid' ? reply.message : reply.items.map((s, i) => `${i + 1}. ${s}`).join('\n');
  return `${thinking}<subtodos type='${reply.type}'>\n${body}\n</subtodos>`;
}

function shorten(input: string): string {
  const line = input.replace(/\s+/g, ' ').trim();
  return [...line].length > 30 ? `${[...line].slice(0, 30).join('')}…` : line;
}
