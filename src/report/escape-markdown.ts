/**
 * Model and user text goes into report.md (and GitHub step summaries, PR comments) verbatim in
 * meaning but never in markup: it must not break a table row, open a code span, render HTML or an
 * image, or decode an entity the model wrote.
 */
import { excerptText, flattenText } from '../text/plain-text.ts';

// Plain-text helpers live in src/text (the terminal uses them too); kept importable from here.
export { excerptText, flattenText, truncateText } from '../text/plain-text.ts';

/**
 * Escape model text for one markdown table cell: single line, no raw HTML, no markup.
 * `maxChars` counts code points (the `…` included); the cut falls between graphemes.
 */
export function escapeCell(text: string, maxChars?: number): string {
  return escapeMarkup(maxChars === undefined ? flattenText(text) : excerptText(text, maxChars));
}

/**
 * Escape model text for a paragraph or list item outside a table. Same rules as a cell (the `|`
 * stays escaped so the text is also safe if it ever lands in a table), plus a leading character
 * that could open a block (heading, list, quote, setext line) is neutralized.
 */
export function escapeInline(text: string, maxChars?: number): string {
  return neutralizeBlockStart(escapeCell(text, maxChars).trimStart());
}

/** Put a short identifier (variant, target) in a code span, or fall back to escaped text. */
export function formatCode(text: string): string {
  const flat = flattenText(text).trim();
  if (flat === '' || flat.includes('`')) return escapeInline(flat);
  return `\`${flat}\``;
}


const BACKSLASH_ESCAPED = new Set(['\\', '|', '*', '_', '[', ']', '~', '$']);
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '`': '&#96;' };

/**
 * `&` first-class so a model's own `&lt;script` cannot decode into a tag; `\` is escaped so a
 * trailing backslash cannot un-escape the `\|` that follows it; `[ ]` so no link or image renders;
 * `$` so GitHub does not typeset math.
 */
function escapeMarkup(text: string): string {
  let out = '';
  for (const ch of text) {
    const entity = ENTITIES[ch];
    if (entity !== undefined) out += entity;
    else if (BACKSLASH_ESCAPED.has(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** `#`, `-`, `+`, `=` and `1.` / `1)` start blocks at the start of a line; `>` is already `&gt;`. */
function neutralizeBlockStart(text: string): string {
  if (/^[#+=-]/.test(text)) return `\\${text}`;
  return text.replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Model text for a table cell as a code span: tags such as `<thinking>` read as written, in the
 * raw file and rendered, and nothing in a code span renders as HTML, a link or emphasis. The
 * fence is longer than any run of backticks inside; `|` stays escaped, which GFM tables honour
 * inside code spans too. Empty text gives an empty string.
 */
export function formatCodeCell(text: string, maxChars?: number): string {
  // Read from a bounded prefix when cut, so a runaway reply costs no more than its excerpt.
  const flat = (maxChars === undefined ? flattenText(text) : excerptText(text, maxChars)).trim();
  if (flat === '') return '';
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const body = flat.replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
