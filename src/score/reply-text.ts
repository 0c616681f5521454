import type { Reply } from '../parse/reply-schema.ts';

/** The items of an answer or question; null for an invalid reply or no reply. */
export function getReplyItems(reply: Reply | null): string[] | null {
  if (reply === null || reply.type === 'invalid') return null;
  return reply.items;
}

/** Everything the model said, as one string: items joined by newlines, or the refusal message. */
export function getReplyText(reply: Reply | null): string | null {
  if (reply === null) return null;
  return reply.type === 'invalid' ? reply.message : reply.items.join('\n');
}

/**
 * Folds the differences a reader would not call different: NFKC (full-width → ASCII), case, and
 * all whitespace. Used for substring checks, so "장 보기" matches "장보기".
 */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Like normalizeForMatch, also dropping punctuation and symbols: "장보기!" and "장 보기." are one item. */
export function normalizeForCompare(text: string): string {
  return normalizeForMatch(text).replace(/[\p{P}\p{S}]/gu, '');
}

/** Length in Unicode code points, so a Hangul syllable or an emoji counts once. */
export function countCodePoints(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** A short, single-line excerpt for reasons. */
export function excerpt(text: string, max = 30): string {
  const flat = text.slice(0, max * 4).replace(/\s+/gu, ' ').trim();
  const points = [...flat];
  return points.length <= max ? flat : `${points.slice(0, max - 1).join('')}…`;
}

/** A share as "3/4". */
export function formatShare(part: number, whole: number): string {
  return `${part}/${whole}`;
}
