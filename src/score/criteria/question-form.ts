import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { excerpt, formatShare } from '../reply-text.ts';

/**
 * Korean sentence endings that ask: 까 (습니까, 할까), 까요, 나요, 가요 (인가요), 니, 냐, 는지요,
 * 을지요, 죠 (tag question), and 세요 — imperative in general, but in a reply meant to ask
 * ("언제까지인지 알려주세요") a request for information does the job of a question.
 */
const KOREAN_QUESTION_ENDING = /(?:까|까요|나요|가요|니|냐|냐요|는지요|은지요|을지요|죠|세요)$/u;

/** Trailing emoji, quotes, brackets or a stray "." or "!" should not hide the form of the sentence. */
const TRAILING_NOISE = /[^\p{L}\p{N}?？]+$/u;

/** Whether a line reads as a question: ends with ? or ？, or with a Korean interrogative ending. */
export function isQuestionLike(item: string): boolean {
  const core = item.trim().replace(TRAILING_NOISE, '');
  if (core.endsWith('?') || core.endsWith('？')) return true;
  return KOREAN_QUESTION_ENDING.test(core);
}

/** Share of a question reply's items that read as questions. */
export const scoreQuestionForm: CriterionScorer<'question_form'> = ({ reply }) => {
  if (reply === null || reply.type !== 'question') return notApplicable('not a question reply');
  const { items } = reply;
  if (items.length === 0) return notApplicable('no items');
  const notQuestions = items.filter((item) => !isQuestionLike(item));
  const asks = items.length - notQuestions.length;
  const share = formatShare(asks, items.length);
  const first = notQuestions[0];
  if (first === undefined) return { score: 1, reason: `${share} items are questions` };
  return { score: asks / items.length, reason: `${share} items are questions; not: "${excerpt(first)}"` };
};
