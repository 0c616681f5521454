/**
 * Text from models, providers and files made safe to show on one line: breaks become a visible
 * mark, controls and bidi overrides a space, and long text is cut on a grapheme boundary. Every
 * function here is linear in what it reads; excerpts read a bounded prefix only.
 */

/**
 * Spaces before a break, the break, and all whitespace after it. The look-behind starts a match only
 * where a run of spaces begins: without it the engine retries from every space of a long run with
 * no break in it, quadratic in the run's length (a 90k-space reply cost seconds).
 */
const LINE_BREAK = /(?<![ \t])[ \t]*(?:\r\n|[\r\n\u2028\u2029])\s*/g;
/** C0/C1 controls (ESC among them), and bidi controls that can reorder what a reader sees. */
// eslint-disable-next-line no-control-regex
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const BREAK_MARK = ' ⏎ ';
export const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Code units of model text looked at per code point shown: a cut excerpt reads only this prefix,
 * so the work of escaping does not grow with the reply (model text runs to 100k characters).
 * Generous, since whitespace runs and controls collapse when flattened.
 */
export const PREFIX_PER_CHAR = 8;

/**
 * One line of at most `maxChars` code points from the start of `text`, ellipsis included, read from
 * a bounded prefix only. The same as `truncateText(flattenText(text))` unless whitespace in the
 * unread tail would have collapsed into view; then the excerpt is shorter, never wrong. `clean`
 * runs on the prefix before it is flattened (the terminal strips escape sequences there).
 */
export function excerptText(text: string, maxChars: number, clean: (prefix: string) => string = (t) => t): string {
  const limit = Math.max(0, maxChars) * PREFIX_PER_CHAR + 16;
  if (text.length <= limit) return truncateText(flattenText(clean(text)), maxChars);
  // Keep a surrogate pair whole at the cut: a lone half would show as U+FFFD.
  const end = isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
  return truncateText(`${flattenText(clean(text.slice(0, end))).trimEnd()}${ELLIPSIS}`, maxChars);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** One line: breaks become a visible mark, tabs and other controls a space. */
export function flattenText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(LINE_BREAK, BREAK_MARK)
    .replace(INVISIBLE, ' ');
}

/** Cut to at most `maxChars` code points including the ellipsis, on a grapheme boundary. */
export function truncateText(text: string, maxChars?: number): string {
  if (maxChars === undefined || countCodePoints(text) <= maxChars) return text;
  if (maxChars <= 0) return '';
  const budget = maxChars - 1;
  let used = 0;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const size = countCodePoints(segment);
    if (used + size > budget) break;
    used += size;
    out += segment;
  }
  return out.trimEnd() + ELLIPSIS;
}

function countCodePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
