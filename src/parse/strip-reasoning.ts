import { findElements } from './find-elements.ts';

const REASONING_TAGS = ['thinking', 'think', 'reasoning'] as const;

/**
 * The text outside reasoning blocks (`<thinking>`, `<think>`, `<reasoning>`), so drafts and
 * examples a model writes while reasoning never compete with its final answer. An opening tag
 * that is never closed hides the rest of the text; a closing tag with no opening tag before it
 * (some APIs drop the opening `<think>`) hides everything before it. The caller falls back to the
 * full text when nothing usable is left outside.
 */
export function stripReasoning(text: string): string {
  const scan = findElements(text, REASONING_TAGS);
  const ranges: [number, number][] = scan.elements.map((e) => [e.start, e.end]);
  for (const u of scan.unclosed) ranges.push([u.start, text.length]);
  const orphanEnd = findOrphanCloseEnd(text, scan.elements[0]?.start ?? text.length);
  if (orphanEnd !== null) ranges.push([0, orphanEnd]);
  if (ranges.length === 0) return text;

  ranges.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (start > cursor) parts.push(text.slice(cursor, start));
    cursor = Math.max(cursor, end);
  }
  parts.push(text.slice(cursor));
  return parts.join('\n');
}

/** End of a closing reasoning tag that appears before any opening one, or null. */
function findOrphanCloseEnd(text: string, firstOpen: number): number | null {
  const closeRe = new RegExp(`</(?:${REASONING_TAGS.join('|')})\\s*>`, 'giu');
  const close = closeRe.exec(text);
  if (close === null || close.index >= firstOpen) return null;
  const before = text.slice(0, close.index);
  const openRe = new RegExp(`<(?:${REASONING_TAGS.join('|')})(?=[\\s>/])`, 'iu');
  return openRe.test(before) ? null : close.index + close[0].length;
}
