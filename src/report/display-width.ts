/**
 * Terminal column width: Hangul, CJK and emoji take two columns, combining marks none. Columns
 * padded by `.length` drift as soon as a Korean variant or case name appears.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const EMOJI = /\p{Emoji_Presentation}|\ufe0f/u;

/** East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the blocks that occur). */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2e80, 0x303e], // CJK radicals, punctuation
  [0x3041, 0x33ff], // kana, Hangul compatibility jamo, CJK compat
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B–
];

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns the text takes in a terminal; ANSI colour codes take none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(stripAnsi(text))) width += graphemeWidth(segment);
  return width;
}

/** Pad with spaces on the right (or left, for numbers) up to `width` columns. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** A cluster is as wide as its widest code point: `ᄀ` + `ᅡ` is one wide syllable. */
function graphemeWidth(segment: string): number {
  if (EMOJI.test(segment)) return 2;
  let width = 0;
  for (const ch of segment) width = Math.max(width, codePointWidth(ch.codePointAt(0) ?? 0, ch));
  return width;
}

function codePointWidth(cp: number, ch: string): number {
  // Hangul medial vowels and finals (U+1160–11FF) join the initial before them.
  if (ZERO_WIDTH.test(ch) || (cp >= 0x1160 && cp <= 0x11ff)) return 0;
  return WIDE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
}
