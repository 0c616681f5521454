import type { Reply, ReplyForm, ReplyType } from '../../../parse/reply-schema.ts';
import { formatReply } from '../../../render/format-reply.ts';
import type { SimulationHints } from '../provider.ts';
import type { ContentFault, FormatSlip } from './draw-behaviour.ts';

export const MOCK_REFUSAL = '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.';

/**
 * The reply the simulated model means to give: the case's reference when it has one of this type,
 * else a plain template built from the to-do (user corpora without references get these; they
 * are honest filler, and the rubric may well fail them).
 */
export function intendedReply(type: ReplyType, hints: SimulationHints): Reply {
  if (hints.reference?.type === type) return hints.reference;
  if (type === 'invalid') return { type, message: hints.refusal ?? MOCK_REFUSAL };
  const topic = topicOf(hints.input);
  const english = hints.lang.startsWith('en');
  if (type === 'question') {
    return english
      ? { type, items: [`When do you need to finish "${topic}"?`, `Who else is involved in "${topic}"?`] }
      : { type, items: [`'${topic}'은 언제까지 해야 하나요?`, `'${topic}'에 함께하는 사람이 있나요?`] };
  }
  return english
    ? { type, items: [`Check the date for "${topic}"`, `List what "${topic}" needs`, `Block time in the calendar for "${topic}"`] }
    : { type, items: [`'${topic}' 날짜 확인하기`, `'${topic}'에 필요한 물건 적기`, `'${topic}' 할 시간 달력에 적기`] };
}

/** The reply with one mistake a real model makes, each a failure mode the rubric should catch. */
export function applyFault(reply: Reply, fault: ContentFault, hints: SimulationHints): Reply {
  if (reply.type === 'invalid') {
    return fault === 'answers-anyway' ? { type: 'invalid', message: `${reply.message} 다만 예를 들면 다음과 같이 할 수 있어요: 먼저 자료를 찾아보세요.` } : reply;
  }
  const [first = hints.input, second = first] = reply.items;
  switch (fault) {
    case 'echo':
      return { type: reply.type, items: [reply.type === 'question' ? `${hints.input.trim()}?` : hints.input.trim()] };
    case 'single':
      return { type: reply.type, items: [first] };
    case 'duplicate':
      return { type: reply.type, items: [...reply.items, first] };
    case 'question-in-answer':
      return { type: reply.type, items: [...reply.items.slice(0, -1), '예산은 얼마로 생각하고 있나요?'] };
    case 'paragraph':
      return { type: reply.type, items: [`${first}. 그리고 이 단계에서는 ${second}도 함께 챙기는 것이 좋은데, 미리 해 두면 나중에 시간이 훨씬 덜 들고 실수도 줄어들기 때문입니다.`, ...reply.items.slice(2)] };
    case 'order':
      return { type: reply.type, items: [...reply.items.slice(0, -1), '일정을 먼저 정하세요.'] };
    case 'stock-question':
      return { type: reply.type, items: ['좀 더 자세히 알려 주시겠어요?'] };
    case 'answers-anyway':
      return reply;
  }
}

export interface WrittenForm {
  form: ReplyForm;
  thinking: boolean;
}

/** The reply as text, in the prompt's declared form; a slip of form where one was drawn. */
export function writeReply(reply: Reply, declared: WrittenForm, slip: FormatSlip | null): string {
  const thinking = declared.thinking ? `<thinking>입력은 ${reply.type} 유형으로 보인다.</thinking>\n` : '';
  const listAsString = slip === 'string-list' && reply.type !== 'invalid' && declared.form !== 'xml';
  const body = renderBody(reply, declared.form, listAsString);
  switch (slip) {
    case 'prose':
      return `${thinking}요청하신 내용을 정리했어요.\n${body}\n도움이 되었으면 좋겠어요.`;
    case 'fence':
      return `${thinking}\`\`\`${declared.form === 'xml' ? 'xml' : 'json'}\n${body}\n\`\`\``;
    case 'broken':
      return `${thinking}${body.slice(0, Math.max(1, Math.floor(body.length / 2)))}`;
    default:
      return thinking + body;
  }
}

function renderBody(reply: Reply, form: ReplyForm, listAsString: boolean): string {
  if (!listAsString || reply.type === 'invalid') return formatReply(reply, form);
  // The slip a real model makes: the list written as one string.
  return JSON.stringify(form === 'json' ? { type: reply.type, items: reply.items.join(', ') } : { type: reply.type, content: reply.items.join(', ') });
}

function topicOf(input: string): string {
  const line = input.replace(/\s+/gu, ' ').trim();
  const words = line.split(' ').slice(0, 3).join(' ');
  return [...words].length > 20 ? `${[...words].slice(0, 20).join('')}…` : words;
}
