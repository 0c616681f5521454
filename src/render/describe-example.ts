import type { Example } from '../config/variant-schema.ts';
import type { Reply } from '../parse/reply-schema.ts';

/**
 * The xml form's text line, e.g. "1. <note>. <instruction>": the seed writes the case
 * description and what to do in one sentence pair, where the json form splits them into
 * caseDescription and caseInstruction. Empty when the example has neither.
 */
export function describeExample(example: Example, number: number): string {
  const parts = [example.note, example.instruction]
    .map((p) => p?.trim() ?? '')
    .filter((p) => p !== '');
  if (parts.length === 0) return '';
  return `${number}. ${parts.reduce((text, next) => `${text}${/[.!?。…]$/.test(text) ? ' ' : '. '}${next}`)}`;
}

/** The lines an example's reply shows: numbered items, or the refusal message as is. */
export function listReplyLines(reply: Reply): string[] {
  if (reply.type === 'invalid') return reply.message.split('\n');
  return reply.items.map((item, i) => `${i + 1}. ${item}`);
}

/** The seed's JSON reply shape: `{type, content:[{subtodoNumber, subtodoContent}]}` or the message. */
export function toSeedReply(reply: Reply): { type: Reply['type']; content: string | { subtodoNumber: number; subtodoContent: string }[] } {
  if (reply.type === 'invalid') return { type: reply.type, content: reply.message };
  return {
    type: reply.type,
    content: reply.items.map((item, i) => ({ subtodoNumber: i + 1, subtodoContent: item })),
  };
}
