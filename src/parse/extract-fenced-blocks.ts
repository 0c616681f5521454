/** The body of one ``` (or ~~~) fenced block; `end` is just past its closing fence. */
export interface FencedBlock {
  body: string;
  end: number;
}

// An opening fence: three backticks or tildes, then at most a language word (```json, ```xml).
const OPENING_FENCE = /^(`{3,}|~{3,})[\w+-]*\s*$/u;
const CLOSING_FENCE = /^(`{3,}|~{3,})$/u;

/**
 * Fenced code blocks, in text order, found line by line. A fence must start its line (so "```"
 * inside a JSON string does not count); a block left open runs to the end of the text. A one-line
 * block (```json {…}```) is accepted too.
 */
export function extractFencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let fenceChar: string | null = null;
  let bodyStart = 0;
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).trim();
    const first = line.charAt(0);
    if (first === '`' || first === '~') {
      if (fenceChar === null) {
        const opening = OPENING_FENCE.exec(line);
        if (opening !== null) {
          fenceChar = first;
          bodyStart = lineEnd + 1;
        } else {
          const single = readOneLineBlock(line);
          if (single !== null) blocks.push({ body: single, end: lineEnd });
        }
      } else if (first === fenceChar && CLOSING_FENCE.test(line)) {
        blocks.push({ body: text.slice(bodyStart, lineStart), end: lineEnd });
        fenceChar = null;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (fenceChar !== null && bodyStart < text.length) blocks.push({ body: text.slice(bodyStart), end: text.length });
  return blocks;
}

function readOneLineBlock(line: string): string | null {
  if (line.length < 7 || !line.startsWith('```') || !line.endsWith('```')) return null;
  const inner = line.slice(3, -3).replace(/^[\w+-]*\s+(?=[{<])/u, '');
  return inner.trim() === '' ? null : inner;
}
