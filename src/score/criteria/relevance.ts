import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { todoWords } from '../case-text.ts';
import { excerpt, formatShare } from '../reply-text.ts';
import { isGenericStem } from '../text/generic-words.ts';
import { containsStem, stemsOf } from '../text/words.ts';

/**
 * Gate: the sub-todos are about this to-do. At least one item must share a specific word with what
 * the user said (not a planning word such as 준비 or 계획, which every to-do shares), and most items
 * must say something specific: four generic steps ("필요한 정보 확인하기", "세부 작업 순서 정하기")
 * would fit any to-do and help with none.
 */
export const scoreRelevance: CriterionScorer<'relevance'> = ({ testCase, reply }, { maxGenericShare }) => {
  if (reply === null || reply.type !== 'answer') return notApplicable('not an answer');
  const { specific } = todoWords(testCase);
  const itemStems = reply.items.map((item) => stemsOf(item));
  const generic = reply.items.filter((_, i) => (itemStems[i] ?? []).every(isGenericStem));
  if (generic.length / reply.items.length > maxGenericShare) {
    const first = generic[0] ?? '';
    return { score: 0, reason: `${formatShare(generic.length, reply.items.length)} items are generic filler, e.g. "${excerpt(first)}"` };
  }
  if (specific.length === 0) return { score: 1, reason: 'the to-do names nothing specific to look for' };
  const tied = reply.items.filter((_, i) => (itemStems[i] ?? []).some((stem) => !isGenericStem(stem) && containsStem(specific, stem)));
  if (tied.length > 0) return { score: 1, reason: `${formatShare(tied.length, reply.items.length)} items name what the to-do is about` };
  return { score: 0, reason: `no item names anything the to-do is about (${specific.slice(0, 4).join(', ')})` };
};
