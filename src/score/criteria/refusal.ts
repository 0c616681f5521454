import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { countCodePoints, excerpt, normalizeForCompare } from '../reply-text.ts';

/** A refusal longer than this has room to do what it refuses. */
const MAX_PLAIN_REFUSAL_CHARS = 150;
const CODE = /```|^\s*(?:import|from|def|function|const|let|var|class|SELECT|#include)\b|[{};]\s*$|=>|<\/?[a-z]+>/imu;
const LIST_LINE = /^\s*(?:\d{1,2}[.)]|[-*•])\s+\S/mu;
// Going on to do it: "그래도 하나 하자면…", "대신 추천하자면…", "요즘은 '파묘'가 볼 만해요", "here's one".
const DOES_IT_ANYWAY = /(?:다음과 같|아래와 같|예시|예를 들|그래도|하자면|대신 .{0,20}(?:추천|소개|알려)|추천(?:해 드릴게요|하자면|드려요|합니다)|볼 만해|들을 만해|해 볼 만|here is|here's|below|as follows|for example|how about|you could try)/iu;
/** A refusal of fewer letters than this ("없음", "불가") tells the user nothing of why. */
const MIN_REFUSAL_LETTERS = 5;

/**
 * Gate: a refusal refuses. The prompt's own fixed sentence passes; any other message passes only
 * when it does not carry an answer to what was asked: no code, no list, no "here it is", and short.
 */
export const scoreRefusal: CriterionScorer<'refusal'> = ({ reply, prompt }) => {
  if (reply === null || reply.type !== 'invalid') return notApplicable('not a refusal');
  const message = reply.message.trim();
  if ((message.match(/\p{L}/gu)?.length ?? 0) < MIN_REFUSAL_LETTERS) return { score: 0, reason: `the refusal says nothing: "${excerpt(message)}"` };
  const fixed = prompt?.refusal ?? null;
  if (fixed !== null && normalizeForCompare(message) === normalizeForCompare(fixed)) return { score: 1, reason: 'the prompt\'s fixed refusal' };
  const problem = answersAnyway(message);
  if (problem !== null) return { score: 0, reason: `the refusal ${problem}: "${excerpt(message)}"` };
  const label = fixed === null ? 'a refusal' : 'not the prompt\'s fixed refusal, but';
  return { score: 1, reason: `${label} answers nothing` };
};

function answersAnyway(message: string): string | null {
  if (CODE.test(message)) return 'carries code';
  if (LIST_LINE.test(message)) return 'carries a list';
  if (DOES_IT_ANYWAY.test(message)) return 'goes on to answer';
  if (countCodePoints(message) > MAX_PLAIN_REFUSAL_CHARS) return `runs to ${countCodePoints(message)} characters`;
  return null;
}
