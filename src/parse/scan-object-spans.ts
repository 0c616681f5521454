/**
 * The outermost balanced `{…}` objects of a text, as parallel arrays: object k is
 * `text.slice(starts[k], ends[k])`, in text order.
 */
export interface ObjectScan {
  starts: number[];
  ends: number[];
  /** Where the first `{` that never closed is (a truncated reply, or a stray brace in prose). */
  firstUnclosed: number | null;
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/**
 * Find the outermost balanced `{…}` objects in one linear pass. Outside any object the text is
 * prose, so quotes there are ignored; inside, JSON strings (with escapes) are respected so a `}`
 * in a string does not close anything. A raw newline ends a string, because JSON strings cannot
 * hold one and a stray quote in prose must not swallow the rest of the reply.
 *
 * A `{` that never closes would otherwise hide every object after it, so the balanced objects
 * found directly inside unclosed braces count as outermost too. The found list works as a stack:
 * each open brace remembers the list's length, and when it closes it drops the objects found
 * since (its children) and adds itself. What remains at the end is exactly the outermost objects
 * plus the children of unclosed braces, in order, for linear work and no per-brace allocation.
 */
export function scanObjectSpans(text: string): ObjectScan {
  const openAt: number[] = [];
  const foundBefore: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let inString = false;
  let escaped = false;

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (openAt.length === 0) {
      if (c === OPEN) {
        openAt.push(i);
        foundBefore.push(starts.length);
      }
      continue;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE || c === NEWLINE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN) {
      openAt.push(i);
      foundBefore.push(starts.length);
    } else if (c === CLOSE) {
      const start = openAt.pop() ?? i;
      const keep = foundBefore.pop() ?? starts.length;
      if (starts.length > keep) {
        starts.length = keep;
        ends.length = keep;
      }
      starts.push(start);
      ends.push(i + 1);
    }
  }
  return { starts, ends, firstUnclosed: openAt[0] ?? null };
}
