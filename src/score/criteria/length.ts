import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { countCodePoints, excerpt, formatShare, getReplyItems } from '../reply-text.ts';

/** Share of items at most `maxChars` code points long (surrounding whitespace not counted). */
export const scoreLength: CriterionScorer<'length'> = ({ reply }, { maxChars }) => {
  const items = getReplyItems(reply);
  if (items === null || items.length === 0) return notApplicable('no items');
  const tooLong = items.filter((item) => countCodePoints(item.trim()) > maxChars);
  const fit = items.length - tooLong.length;
  const share = formatShare(fit, items.length);
  const first = tooLong[0];
  if (first === undefined) return { score: 1, reason: `${share} items ≤ ${maxChars} chars` };
  const reason = `${share} items ≤ ${maxChars} chars; "${excerpt(first)}" has ${countCodePoints(first.trim())}`;
  return { score: fit / items.length, reason };
};
