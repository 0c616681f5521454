import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { excerpt, formatShare, getReplyItems, normalizeForCompare } from '../reply-text.ts';
import { stemsOf } from '../text/words.ts';

/**
 * The key two items share when they say the same thing: their stems as a set, so spaces,
 * punctuation, particles and endings do not matter ("자료 준비하기" = "자료를 준비한다."). Items with
 * no stem at all fall back to their normalized text.
 */
export function sameItemKey(item: string): string {
  const stems = [...new Set(stemsOf(item))].sort();
  return stems.length > 0 ? stems.join(' ') : normalizeForCompare(item);
}

/** Gate: no two items say the same thing. */
export const scoreUnique: CriterionScorer<'unique'> = ({ reply }) => {
  const items = getReplyItems(reply);
  if (items === null || items.length < 2) return notApplicable('fewer than 2 items');
  // Two keys: the text without spaces or punctuation ("짐 싸기" = "짐싸기."), and the stems ("자료를 준비한다" = "자료 준비하기").
  const byText = new Map<string, string>();
  const byStems = new Map<string, string>();
  let distinct = 0;
  let repeat: [string, string] | undefined;
  for (const item of items) {
    const text = normalizeForCompare(item);
    const stems = sameItemKey(item);
    const earlier = byText.get(text) ?? byStems.get(stems);
    if (earlier !== undefined) repeat ??= [earlier, item];
    else distinct += 1;
    byText.set(text, byText.get(text) ?? item);
    byStems.set(stems, byStems.get(stems) ?? item);
  }
  const share = formatShare(distinct, items.length);
  if (repeat === undefined) return { score: 1, reason: `${share} distinct` };
  const [a, b] = repeat;
  const same = a.trim() === b.trim() ? `"${excerpt(a)}" twice` : `"${excerpt(a)}" and "${excerpt(b)}" say the same`;
  return { score: distinct / items.length, reason: `${share} distinct: ${same}` };
};
