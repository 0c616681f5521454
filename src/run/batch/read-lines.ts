import { StringDecoder } from 'node:string_decoder';
import { readLines } from '../../results/read-lines.ts';

/**
 * The non-empty lines of a byte stream (a download), one at a time, reading the next chunk only when the
 * consumer asks for the next line. readline's async iterator does not wait: on a fast local
 * download and a consumer that scores each line, it queued tens of thousands of lines (the heap
 * grew by 170 MB over a 100,000-request batch).
 */
export async function* streamLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      const line = rest.slice(0, nl).replace(/\r$/, '');
      rest = rest.slice(nl + 1);
      if (line.trim() !== '') yield line;
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.end();
  if (rest.trim() !== '') yield rest;
}

/** The non-empty lines of a file the run wrote (chunk files), streamed. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  for await (const line of readLines(path)) if (line.text !== undefined && line.text.trim() !== '') yield line.text;
}
