import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { excerpt, formatShare } from '../reply-text.ts';
import { questionFormOf } from '../text/sentence-forms.ts';

/**
 * Gate: every item of a question reply asks something. An order ("예산을 정하세요") hands the user a
 * task instead of asking, and a lone "?" asks nothing.
 */
export const scoreQuestionForm: CriterionScorer<'question_form'> = ({ reply }) => {
  if (reply === null || reply.type !== 'question') return notApplicable('not a question reply');
  const { items } = reply;
  if (items.length === 0) return notApplicable('no items');
  const forms = items.map(questionFormOf);
  const asks = forms.filter((f) => f === 'question').length;
  const share = formatShare(asks, items.length);
  const bad = items.findIndex((_, i) => forms[i] !== 'question');
  if (bad < 0) return { score: 1, reason: `${share} items are questions` };
  const why = forms[bad] === 'bare-mark' ? 'asks nothing' : 'is not a question';
  return { score: asks / items.length, reason: `${share} items are questions; "${excerpt(items[bad] ?? '')}" ${why}` };
};
