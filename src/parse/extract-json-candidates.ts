import { extractFencedBlocks } from './extract-fenced-blocks.ts';
import { findReplyObject } from './normalize-candidate.ts';
import { parseLenientJson } from './parse-lenient-json.ts';
import { scanObjectSpans } from './scan-object-spans.ts';

/** A reply object found in JSON; `end` is where its text ends, to compare with an XML reply. */
export interface JsonCandidate {
  reply: Record<string, unknown>;
  end: number;
}

export interface JsonSearch {
  candidate: JsonCandidate | null;
  /** Why nothing was found, when JSON was attempted: a parse error or an unclosed object. */
  problem: string | null;
}

// Candidates are tried from the end, and only this many: the answer is followed by a sign-off at
// most, and a reply made of a million objects must not cost a million JSON.parse calls.
const MAX_FENCES_TRIED = 16;
const MAX_OBJECTS_PARSED = 64;
// A quoted brace in prose ('type "{" to…') can flip the string state for the rest of the text.
// When the scan ends inside an unclosed object and found no reply, it is retried just after that
// brace; a few retries cover real replies and keep the worst case linear.
const MAX_RESCANS = 3;

/**
 * The reply JSON in a text. The rule, in order:
 * 1. The last fenced block whose body (or the last object inside it) parses to a reply object —
 *    a fence is the model saying "this is the output".
 * 2. Otherwise the last outermost balanced `{…}` that parses to a reply object (one with `type`,
 *    `subtodos`, `items` or `questions`, possibly under a `subtodos`/`reply`/`result` wrapper).
 *    Reasoning and prose come before the answer, so the last one is the answer; objects that do
 *    not parse or are not replies (`{x}` in prose, an example) are skipped.
 */
export function findJsonReply(text: string): JsonSearch {
  const blocks = extractFencedBlocks(text).filter((block) => block.body.includes('{'));
  for (const block of blocks.slice(-MAX_FENCES_TRIED).reverse()) {
    const whole = parseLenientJson(block.body.trim());
    const reply = whole.ok ? findReplyObject(whole.value) : null;
    if (reply !== null) return { candidate: { reply, end: block.end }, problem: null };
    const inner = findLastObjectReply(block.body);
    if (inner.candidate !== null) return { candidate: { ...inner.candidate, end: block.end }, problem: null };
  }
  return findLastObjectReply(text);
}

function findLastObjectReply(text: string): JsonSearch {
  let first: JsonSearch | null = null;
  for (let from = 0, rescans = 0; rescans <= MAX_RESCANS; rescans++) {
    const { search, firstUnclosed } = searchObjects(text, from);
    if (search.candidate !== null) return search;
    first ??= search;
    if (firstUnclosed === null) break;
    from = firstUnclosed + 1;
  }
  return first ?? { candidate: null, problem: null };
}

function searchObjects(text: string, from: number): { search: JsonSearch; firstUnclosed: number | null } {
  const scanned = from === 0 ? text : text.slice(from);
  const { starts, ends, firstUnclosed } = scanObjectSpans(scanned);
  const at = firstUnclosed === null ? null : firstUnclosed + from;
  let parseError: string | null = null;
  let attempts = 0;
  for (let k = starts.length - 1; k >= 0 && attempts < MAX_OBJECTS_PARSED; k--) {
    const start = starts[k] ?? 0;
    const end = ends[k] ?? 0;
    if (!startsLikeJsonObject(scanned, start)) continue;
    attempts++;
    const parsed = parseLenientJson(scanned.slice(start, end));
    if (!parsed.ok) {
      parseError ??= parsed.error;
      continue;
    }
    const reply = findReplyObject(parsed.value);
    if (reply !== null) return { search: { candidate: { reply, end: end + from }, problem: null }, firstUnclosed: at };
  }
  const problem =
    parseError !== null
      ? `JSON did not parse: ${parseError.slice(0, 160)}`
      : at !== null
        ? 'a JSON object is never closed (truncated reply?)'
        : null;
  return { search: { candidate: null, problem }, firstUnclosed: at };
}

/** `{`, optional whitespace, then a key's quote: a cheap filter that skips `{x}` and `{}` in prose. */
function startsLikeJsonObject(text: string, start: number): boolean {
  let i = start + 1;
  while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  return text[i] === '"';
}
