// One leading list marker: "1. ", "2) ", "(3) ", "- ", "* ", "• ", "①". Content that looks
// similar survives: at most three digits, so a date "2024. 8. 25" keeps its year; a number
// followed by a digit ("1.5시간") is not a marker; "-" and "*" need a space after them ("-5도").
// Anchored and bounded: no backtracking blow-up on long lines.
const LIST_MARKER = /^(?:\(?\d{1,3}[.)](?!\d)|[-*+](?=\s|$)|[•·‣▪◦●○■□▶►✓✔]|[\u2460-\u2473])\s*/u;

/** Trim an item and strip one leading number or bullet; the rest is kept verbatim. */
export function cleanItem(item: string): string {
  return item.trim().replace(LIST_MARKER, '').trim();
}

/** Split a block of text into lines (any newline convention). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

/** Trim every line, drop blank ones, and join what is left with newlines. */
export function tidyLines(text: string): string {
  return splitLines(text)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
