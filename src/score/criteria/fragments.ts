import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { todoWords } from '../case-text.ts';
import { isGenericStem } from '../text/generic-words.ts';
import { containsStem, stemsOf } from '../text/words.ts';

/**
 * Gate: the sub-todos add something. When every item is made only of the to-do's own words, the
 * to-do has been cut into pieces ("다음 주 금요일까지" / "매출 보고서" / "팀장님께 제출하기"), not
 * split into steps; a generic verb stuck on a piece ("마케팅 직무 확인하기") adds nothing either.
 */
export const scoreFragments: CriterionScorer<'fragments'> = ({ testCase, reply }) => {
  if (reply === null || reply.type !== 'answer' || reply.items.length < 2) return notApplicable('not an answer of 2 items or more');
  const todo = todoWords(testCase).said;
  if (todo.length === 0) return notApplicable('the to-do has no words to compare');
  const adding = reply.items.filter((item) => stemsOf(item).some((stem) => !isGenericStem(stem) && !containsStem(todo, stem)));
  if (adding.length > 0) return { score: 1, reason: `${adding.length} of ${reply.items.length} items add words of their own` };
  return { score: 0, reason: 'every item is made of the to-do\'s own words: the to-do cut apart, nothing added' };
};
