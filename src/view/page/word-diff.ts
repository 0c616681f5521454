import { diffWordsWithSpace } from 'diff';
import type { Reply } from '../../parse/reply-schema.ts';
import { el } from './dom.ts';

/** What two replies are compared on: the parsed reply, one item a line, or the raw text when none parsed. */
export function diffText(reply: Reply | null, raw: string | null, error: string | null): string {
  if (reply !== null) return reply.type === 'invalid' ? `[invalid] ${reply.message}` : `[${reply.type}]\n${reply.items.map((item, i) => `${i + 1}. ${item}`).join('\n')}`;
  return raw ?? error ?? '';
}

/** A word-level diff of b against a: removed words struck in red, added words in green. */
export function wordDiff(a: string, b: string): HTMLElement {
  const parts = diffWordsWithSpace(a, b);
  return el(
    'pre',
    { class: 'diff', 'data-diff': '' },
    parts.map((part) => (part.added ? el('ins', {}, part.value) : part.removed ? el('del', {}, part.value) : part.value)),
  );
}
