import { createReadStream } from 'node:fs';

/**
 * Longest line read: a real results line is bounded (raw ≤ 100k characters, error text capped), so
 * anything longer is not one. It is skipped as it streams by, never gathered into one string: a
 * forged 600 MB line must not reach V8's string limit.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** One line of a file: its text, or `undefined` when it ran past `MAX_LINE_BYTES`. */
export interface FileLine {
  /** 1-based. */
  lineNo: number;
  text: string | undefined;
  /** The line had no newline after it: the file ends inside it (a torn write, or a write under way). */
  last: boolean;
}

/**
 * The lines of a file, streamed: memory holds one line at a time, however large the file. Lines
 * split on `\n` (a `\r` before it is dropped); an empty file yields nothing.
 */
export async function* readLines(path: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let lineNo = 0;
  const finish = (last: boolean): FileLine => {
    lineNo++;
    const line: FileLine = { lineNo, text: oversized ? undefined : decode(Buffer.concat(parts, size)), last };
    parts = [];
    size = 0;
    oversized = false;
    return line;
  };
  const keep = (piece: Buffer) => {
    if (oversized || piece.length === 0) return;
    if (size + piece.length > maxLineBytes) {
      oversized = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      keep(chunk.subarray(start, nl));
      yield finish(false);
      start = nl + 1;
    }
    keep(chunk.subarray(start));
  }
  if (size > 0 || oversized) yield finish(true);
}

function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
