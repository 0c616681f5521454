import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { countCodePoints, excerpt, formatShare, getReplyItems } from '../reply-text.ts';

const formatCount = (n: number): string => n.toLocaleString('en-US');

/**
 * Gate: every item is one short line. The limit is the one the prompt states (a variant's
 * maxItemChars), else the criterion's maxChars: a prompt that asks for 40 characters is held to 40.
 * Paragraphs are not sub-todos.
 */
export const scoreLength: CriterionScorer<'length'> = ({ reply, prompt }, { maxChars }) => {
  const items = getReplyItems(reply);
  if (items === null || items.length === 0) return notApplicable('no items');
  const limit = prompt?.maxItemChars ?? maxChars;
  const multiLine = items.find((item) => /\n/u.test(item.trim()));
  if (multiLine !== undefined) return { score: 0, reason: `"${excerpt(multiLine)}" runs over several lines` };
  // A string of more UTF-16 units than twice the limit is over it whatever its code points: no need to count a megabyte.
  const tooLong = items.filter((item) => item.length > 2 * limit + 2 || countCodePoints(item.trim()) > limit);
  const fit = items.length - tooLong.length;
  const share = formatShare(fit, items.length);
  const first = tooLong[0];
  if (first === undefined) return { score: 1, reason: `${share} items ≤ ${limit} chars` };
  const size = first.length > 100_000 ? `over ${formatCount(100_000)}` : String(countCodePoints(first.trim()));
  return { score: fit / items.length, reason: `${share} items ≤ ${limit} chars; "${excerpt(first)}" has ${size}` };
};
