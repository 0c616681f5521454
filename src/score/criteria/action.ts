import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { caseLanguage } from '../case-text.ts';
import { excerpt, formatShare } from '../reply-text.ts';
import { isActionItem, questionFormOf } from '../text/sentence-forms.ts';

/**
 * Gate: sub-todos are things to do. A question among them fails the reply (the app would list a
 * question as a task); so does a list of nouns or topics ("보고서", "PPT 자료") with no action.
 */
export const scoreAction: CriterionScorer<'action'> = ({ testCase, reply }, { minShare }) => {
  if (reply === null || reply.type !== 'answer') return notApplicable('not an answer');
  const question = reply.items.find((item) => questionFormOf(item) === 'question');
  if (question !== undefined) return { score: 0, reason: `"${excerpt(question)}" is a question, not a sub-todo` };
  const lang = caseLanguage(testCase);
  const notActions = reply.items.filter((item) => !isActionItem(item, lang));
  const actions = reply.items.length - notActions.length;
  const share = actions / reply.items.length;
  const shown = formatShare(actions, reply.items.length);
  const first = notActions[0];
  if (first === undefined) return { score: 1, reason: `${shown} items are actions` };
  const reason = `${shown} items are actions; "${excerpt(first)}" names no action`;
  return { score: share >= minShare ? 1 : share, reason };
};
