import { OUTCOMES, type Outcome } from '../../src/parse/reply-schema.ts';
import type { FakeReply, RecordedRequest } from './fake-types.ts';

/** `[[reply: question]]` anywhere in the last user text makes that outcome happen through the real pipeline. */
const MARKER = /\[\[\s*reply:\s*([\w-]+)\s*\]\]/;
const MAX_TOPIC_CHARS = 40;

export const INVALID_MESSAGE = '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.';
export const FORMAT_ERROR_TEXT = '음, 이건 상황에 따라 많이 달라질 것 같아요. 조금 더 생각해 보고 다시 말씀드릴게요.';
export const SCHEMA_ERROR_TEXT = '{"type":"maybe","items":[]}';

export function readMarker(text: string): string | null {
  return MARKER.exec(text)?.[1] ?? null;
}

/**
 * The to-do is taken to be the last non-empty line once markers and tags are gone: the default
 * template ends with `{{todo}}`, and chat-format examples leave it alone in the last user turn.
 */
export function readTopic(text: string): string {
  const lines = text
    .replace(new RegExp(MARKER.source, 'g'), '')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map((line) => line.trim().replace(/^["'“‘]|["'”’]$/g, '').replace(/\s+/g, ' '))
    .filter((line) => line !== '');
  const last = lines.at(-1) ?? '할 일';
  return last.length <= MAX_TOPIC_CHARS ? last : `${last.slice(0, MAX_TOPIC_CHARS).trimEnd()}…`;
}

export function buildAnswerText(topic: string): string {
  const items = [`${topic}: 필요한 정보와 준비물 확인하기`, `${topic}: 순서와 시간 정하기`, `${topic}: 마치고 결과 점검하기`];
  return JSON.stringify({ type: 'answer', items });
}

export function buildQuestionText(): string {
  const items = ['언제까지 끝내야 하나요?', '누구와 함께 하나요?', '어디에서 하나요?'];
  return JSON.stringify({ type: 'question', items });
}

function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

function replyFor(outcome: Outcome, topic: string): FakeReply {
  switch (outcome) {
    case 'answer':
      return { text: buildAnswerText(topic) };
    case 'question':
      return { text: buildQuestionText() };
    case 'invalid':
      return { text: JSON.stringify({ type: 'invalid', message: INVALID_MESSAGE }) };
    case 'format_error':
      return { text: FORMAT_ERROR_TEXT };
    case 'schema_error':
      return { text: SCHEMA_ERROR_TEXT };
    case 'provider_error':
      // A tiny retry-after-ms keeps a retrying client from sleeping through its backoff in tests.
      return { fault: 'status', status: 500, retryAfterMs: 1, message: 'fake server: provider_error marker' };
  }
}

/** A plausible sub-todo model: valid answer JSON from the input, or the outcome a marker asks for. */
export function defaultResponder(req: RecordedRequest): FakeReply {
  const marker = readMarker(req.lastUserText);
  const topic = readTopic(req.lastUserText);
  if (marker === null) return replyFor('answer', topic);
  if (isOutcome(marker)) return replyFor(marker, topic);
  // A typo in a test's marker should fail loudly, not pass as an answer.
  return {
    fault: 'status',
    status: 400,
    message: `fake server: unknown reply marker "${marker}"; use one of ${OUTCOMES.join(', ')}`,
  };
}
