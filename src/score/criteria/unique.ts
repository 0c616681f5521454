import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { excerpt, formatShare, getReplyItems, normalizeForCompare } from '../reply-text.ts';
import { isActionNoun, isEnglishVerb } from '../text/action-words.ts';
import { containsStem, stemsOf, wordsOf } from '../text/words.ts';

/**
 * The key two items share when they say the same thing: their stems as a set, so spaces,
 * punctuation, particles and endings do not matter ("자료 준비하기" = "자료를 준비한다."). Items with
 * no stem at all fall back to their normalized text.
 */
export function sameItemKey(item: string): string {
  const stems = [...new Set(stemsOf(item))].sort();
  return stems.length > 0 ? stems.join(' ') : normalizeForCompare(item);
}

const ENGLISH_FILLER = new Set(['a', 'an', 'the', 'for', 'to', 'of', 'and', 'with', 'on', 'in', 'at', 'your', 'my']);

/**
 * Whether one item says another again with one descriptive word more: "Book a table for 6" and
 * "Book a table for six people". The extra word must not be an action: "치과 예약하기" and
 * "치과 예약 확인하기" are two steps.
 */
function restates(shorter: string, longer: string): boolean {
  const a = wordsOf(shorter).filter((w) => !ENGLISH_FILLER.has(w.stem));
  const b = wordsOf(longer).filter((w) => !ENGLISH_FILLER.has(w.stem));
  if (a.length < 2 || b.length <= a.length) return false;
  const bStems = b.map((w) => w.stem);
  if (!a.every((w) => containsStem(bStems, w.stem))) return false;
  const extra = b.filter((w) => !a.some((x) => x.stem === w.stem || containsStem([x.stem], w.stem)));
  return extra.length === 1 && extra.every((w) => !isAction(w.token, w.stem));
}

function isAction(token: string, stem: string): boolean {
  return isActionNoun(stem) || isEnglishVerb(token) || /(?:기|다|요|함|해|고|서)$/u.test(token);
}

/** Gate: no two items say the same thing. */
export const scoreUnique: CriterionScorer<'unique'> = ({ reply }) => {
  const items = getReplyItems(reply);
  if (items === null || items.length < 2) return notApplicable('fewer than 2 items');
  // Two keys: the text without spaces or punctuation ("짐 싸기" = "짐싸기."), and the stems ("자료를 준비한다" = "자료 준비하기").
  const byText = new Map<string, string>();
  const byStems = new Map<string, string>();
  const kept: string[] = [];
  let repeat: [string, string] | undefined;
  for (const item of items) {
    const text = normalizeForCompare(item);
    const stems = sameItemKey(item);
    const earlier =
      byText.get(text) ?? byStems.get(stems) ?? kept.find((k) => restates(k, item) || restates(item, k));
    if (earlier !== undefined) repeat ??= [earlier, item];
    else kept.push(item);
    byText.set(text, byText.get(text) ?? item);
    byStems.set(stems, byStems.get(stems) ?? item);
  }
  const share = formatShare(kept.length, items.length);
  if (repeat === undefined) return { score: 1, reason: `${share} distinct` };
  const [a, b] = repeat;
  const same = a.trim() === b.trim() ? `"${excerpt(a)}" twice` : `"${excerpt(a)}" and "${excerpt(b)}" say the same`;
  return { score: kept.length / items.length, reason: `${share} distinct: ${same}` };
};
