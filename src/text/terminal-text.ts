import { excerptText, INVISIBLE } from './plain-text.ts';

/**
 * Terminal escape sequences, whole, so no fragment of one shows as text: CSI (`ESC [` … final
 * byte: colours, cursor moves, clear screen), OSC (`ESC ]` … BEL or ST: window titles, OSC 8
 * links), other `ESC x` pairs, and their one-byte C1 forms. Linear: each pattern starts only at an
 * escape byte and stops at the next one.
 */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]/g;

/** Code points of one value in a message: enough to recognise it, short enough to read. */
export const MESSAGE_VALUE_CHARS = 80;
/** Code points of one terminal line made of text we did not write (an error body, a file's line). */
export const TERMINAL_LINE_CHARS = 500;

function stripEscapes(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '');
}

/**
 * The one sanitiser for text from a provider, a model or a file on its way to the terminal: escape
 * sequences dropped whole, other controls and bidi overrides made spaces, breaks made ` ⏎ `, and
 * the result cut to `maxChars` code points (read from a bounded prefix).
 */
export function terminalLine(text: string, maxChars = TERMINAL_LINE_CHARS): string {
  return excerptText(text, maxChars, stripEscapes);
}

/**
 * A value quoted in a message (a config value, an id from a file): one short, safe line, with its
 * control characters written out, since they may be the very mistake the message is about.
 */
export function cutForMessage(text: string, maxChars = MESSAGE_VALUE_CHARS): string {
  return excerptText(text, maxChars, revealControls);
}

/** Several lines (a user error lists one problem a line): each line sanitised and cut on its own. */
export function terminalLines(text: string, maxLineChars = TERMINAL_LINE_CHARS): string {
  return text
    .split('\n')
    .map((line) => terminalLine(line, maxLineChars))
    .join('\n');
}

/**
 * Text shown exactly as it is sent (`render`): line breaks and tabs kept, every other control and
 * bidi character written out as `\u{…}`, so nothing is hidden and nothing acts on the terminal.
 */
export function revealControls(text: string): string {
  return text.replace(INVISIBLE, (ch) => (ch === '\n' || ch === '\t' ? ch : `\\u{${ch.codePointAt(0)?.toString(16) ?? '?'}}`));
}
