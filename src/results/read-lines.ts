import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Longest line read: a real results line is bounded (raw ≤ 100k characters, error text capped), so
 * anything longer is not one. It is skipped as it streams by, never gathered into one string: a
 * forged 600 MB line must not reach V8's string limit.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Bigger than the stream default (64 KiB): a large results file is read in a quarter of the system time. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** One line of a file: its text, or `undefined` when it ran past `MAX_LINE_BYTES`. */
export interface FileLine {
  /** 1-based. */
  lineNo: number;
  /** Where the line starts in the file, and its length in bytes (without the newline). */
  offset: number;
  bytes: number;
  text: string | undefined;
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
  let offset = 0;
  let bytes = 0;
  const finish = (): FileLine => {
    lineNo++;
    const line: FileLine = { lineNo, offset, bytes, text: oversized ? undefined : decode(Buffer.concat(parts, size)) };
    offset += bytes + 1;
    bytes = 0;
    parts = [];
    size = 0;
    oversized = false;
    return line;
  };
  const keep = (piece: Buffer) => {
    bytes += piece.length;
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
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      keep(chunk.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    keep(chunk.subarray(start));
  }
  if (bytes > 0) yield finish();
}

/** The text of a line found earlier by `readLines`, read at its offset. */
export async function readLineAt(handle: FileHandle, offset: number, bytes: number): Promise<string> {
  const buffer = Buffer.alloc(bytes);
  const { bytesRead } = await handle.read(buffer, 0, bytes, offset);
  return decode(buffer.subarray(0, bytesRead));
}

function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
