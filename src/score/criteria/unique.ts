import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { excerpt, formatShare, getReplyItems, normalizeForCompare } from '../reply-text.ts';

/** Share of distinct items, ignoring case, whitespace and punctuation. */
export const scoreUnique: CriterionScorer<'unique'> = ({ reply }) => {
  const items = getReplyItems(reply);
  if (items === null || items.length < 2) return notApplicable('fewer than 2 items');
  const seen = new Set<string>();
  let firstRepeat: string | undefined;
  for (const item of items) {
    const key = normalizeForCompare(item);
    if (seen.has(key)) firstRepeat ??= item;
    seen.add(key);
  }
  const share = formatShare(seen.size, items.length);
  if (firstRepeat === undefined) return { score: 1, reason: `${share} distinct` };
  return { score: seen.size / items.length, reason: `${share} distinct; repeated "${excerpt(firstRepeat)}"` };
};
