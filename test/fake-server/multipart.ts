import { closeSync, openSync, writeSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';

export interface MultipartUpload {
  /** Text fields by name (`purpose`). */
  fields: Record<string, string>;
  /** The file part, written to the given path as it streams in. */
  file: { name: string; filename: string; bytes: number } | undefined;
}

/**
 * Streams a multipart/form-data body: the first file part goes straight to `path` (a batch input
 * can be hundreds of megabytes), text fields are kept. A rolling buffer finds each delimiter even
 * when it is split between two chunks.
 */
export async function saveMultipart(req: IncomingMessage, boundary: string, path: string): Promise<MultipartUpload> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let file: MultipartUpload['file'];
  let fd: number | undefined;
  // The body starts with `--boundary`; a leading CRLF makes every delimiter look the same.
  let buf: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
  let part: { name: string; filename: string | undefined; text: Buffer[] } | undefined;

  const emit = (bytes: Buffer) => {
    if (!part || bytes.length === 0) return;
    if (part.filename !== undefined && fd !== undefined) {
      writeSync(fd, bytes);
      if (file) file.bytes += bytes.length;
    } else part.text.push(bytes);
  };
  const endPart = () => {
    if (!part) return;
    if (part.filename === undefined) fields[part.name] = Buffer.concat(part.text).toString('utf8');
    else if (fd !== undefined) {
      closeSync(fd);
      fd = undefined;
    }
    part = undefined;
  };

  const step = (): boolean => {
    switch (state) {
      case 'preamble':
      case 'body': {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const keep = Math.max(0, buf.length - (delimiter.length - 1));
          if (state === 'body') emit(buf.subarray(0, keep));
          buf = buf.subarray(keep);
          return false;
        }
        if (state === 'body') emit(buf.subarray(0, at));
        endPart();
        buf = buf.subarray(at + delimiter.length);
        state = 'after';
        return true;
      }
      case 'after':
        if (buf.length < 2) return false;
        if (buf.subarray(0, 2).toString() === '--') {
          state = 'done';
          return false;
        }
        buf = buf.subarray(2);
        state = 'headers';
        return true;
      case 'headers': {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return false;
        const headers = buf.subarray(0, end).toString('utf8');
        buf = buf.subarray(end + 4);
        const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
        const filename = /filename="([^"]*)"/.exec(headers)?.[1];
        part = { name, filename, text: [] };
        if (filename !== undefined && file === undefined) {
          fd = openSync(path, 'w');
          file = { name, filename, bytes: 0 };
        } else if (filename !== undefined) part = { name, filename: undefined, text: [] }; // a second file: kept as text, unused
        state = 'body';
        return true;
      }
      case 'done':
        return false;
    }
  };

  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      while (step());
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return { fields, file };
}
