import { splitLines, tidyLines } from './clean-item.ts';
import { findElements } from './find-elements.ts';

/** A `<subtodos>` reply in the JSON-like shape `normalizeCandidate` reads; `end` is where it ends. */
export interface XmlCandidate {
  reply: Record<string, unknown>;
  end: number;
}

export interface XmlSearch {
  candidate: XmlCandidate | null;
  problem: string | null;
}

const ITEM_TAGS = ['item', 'subtodo', 'question'] as const;
// type='answer', type="answer", the seed's type=‘answer’ / “answer”, or type=answer.
const TYPE_ATTR = /\btype\s*=\s*(?:["'‘’“”]([^"'‘’“”]*)["'‘’“”]|([^\s"'‘’“”/>]+))/iu;

/**
 * The seed's XML reply: the last complete `<subtodos type='…'>…</subtodos>` element, wherever it
 * sits (inside other tags, after reasoning). Its items are the body's lines, or the texts of
 * `<item>`/`<subtodo>`/`<question>` children when it has them; for `invalid` the body is the
 * message. The body is kept verbatim apart from line trimming, so `<script>` or `|` in an item
 * survives. An element that is opened but never closed is reported, not guessed at.
 */
export function findXmlReply(text: string): XmlSearch {
  const scan = findElements(text, ['subtodos']);
  const element = scan.elements.at(-1);
  if (element === undefined) {
    const problem = scan.unclosed.length > 0 ? 'a <subtodos> element is never closed (truncated reply?)' : null;
    return { candidate: null, problem };
  }
  const body = text.slice(element.innerStart, element.innerEnd);
  const reply: Record<string, unknown> = { items: readItems(body), message: tidyLines(body) };
  const match = TYPE_ATTR.exec(element.attrs);
  const type = match?.[1] ?? match?.[2];
  if (type !== undefined) reply['type'] = type;
  return { candidate: { reply, end: element.end }, problem: null };
}

function readItems(body: string): string[] {
  const children = findElements(body, ITEM_TAGS).elements;
  if (children.length === 0) return splitLines(body);
  return children.map((child) => body.slice(child.innerStart, child.innerEnd));
}
