import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { todoWords } from '../case-text.ts';
import { excerpt, formatShare } from '../reply-text.ts';
import { isEmptyQuestionStem, isGenericStem } from '../text/generic-words.ts';
import { containsStem, stemsOf } from '../text/words.ts';

/**
 * Gate: the reply is about this to-do, not filler that would fit any. Sub-todos made only of
 * planning words ("필요한 정보 확인하기", "세부 작업 순서 정하기", "계획 세우기") and stock
 * questions ("좀 더 자세히 알려 주시겠어요?", "추가 정보가 있나요?") help with nothing: the reply
 * fails when more than `maxGenericShare` of its items are such filler.
 */
export const scoreRelevance: CriterionScorer<'relevance'> = ({ reply }, { maxGenericShare }) => {
  if (reply === null || reply.type === 'invalid') return notApplicable('not an answer or a question');
  const isFiller = reply.type === 'answer' ? isGenericStem : isEmptyQuestionStem;
  const itemStems = reply.items.map((item) => stemsOf(item));
  const filler = reply.items.filter((_, i) => (itemStems[i] ?? []).every(isFiller));
  const kind = reply.type === 'answer' ? 'generic filler' : 'stock questions that ask for nothing in particular';
  if (filler.length / reply.items.length > maxGenericShare) {
    return { score: 0, reason: `${formatShare(filler.length, reply.items.length)} items are ${kind}, e.g. "${excerpt(filler[0] ?? '')}"` };
  }
  return { score: 1, reason: `${formatShare(reply.items.length - filler.length, reply.items.length)} items say something specific` };
};

/**
 * A weight, not a gate: at least one sub-todo names something the to-do is about (shares a
 * specific word with what the user said). Word overlap misses a paraphrase ("Clean out the garage"
 * → "Sort everything into keep, donate and trash piles"), so a miss costs points, not the pass.
 */
export const scoreTopic: CriterionScorer<'topic'> = ({ testCase, reply }) => {
  if (reply === null || reply.type !== 'answer') return notApplicable('not an answer');
  const { specific } = todoWords(testCase);
  if (specific.length === 0) return notApplicable('the to-do names nothing specific to look for');
  const itemStems = reply.items.map((item) => stemsOf(item));
  const tied = reply.items.filter((_, i) => (itemStems[i] ?? []).some((stem) => !isGenericStem(stem) && containsStem(specific, stem)));
  if (tied.length > 0) return { score: 1, reason: `${formatShare(tied.length, reply.items.length)} items name what the to-do is about` };
  return { score: 0, reason: `no item names a word of the to-do (${specific.slice(0, 4).join(', ')})` };
};
