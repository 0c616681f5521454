import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { countCodePoints, excerpt, normalizeForCompare } from '../reply-text.ts';

/** A refusal longer than this has room to do what it refuses. */
const MAX_PLAIN_REFUSAL_CHARS = 150;
const CODE = /```|^\s*(?:import|from|def|function|const|let|var|class|SELECT|#include)\b|[{};]\s*$|=>|<\/?[a-z]+>/imu;
const LIST_LINE = /^\s*(?:\d{1,2}[.)]|[-*•])\s+\S/mu;
const DOES_IT_ANYWAY = /(?:다음과 같|아래와 같|예시|예를 들|here is|here's|below|as follows)/iu;

/**
 * Gate: a refusal refuses. The prompt's own fixed sentence passes; any other message passes only
 * when it does not carry an answer to what was asked: no code, no list, no "here it is", and short.
 */
export const scoreRefusal: CriterionScorer<'refusal'> = ({ reply, prompt }) => {
  if (reply === null || reply.type !== 'invalid') return notApplicable('not a refusal');
  const message = reply.message.trim();
  if (!/[\p{L}\p{N}]/u.test(message)) return { score: 0, reason: 'the refusal says nothing' };
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
