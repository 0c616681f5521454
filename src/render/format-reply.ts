import type { Reply, ReplyForm } from '../parse/reply-schema.ts';

/**
 * A reply written exactly in a declared form: the seed's `<subtodos type='…'>` with numbered lines,
 * the seed's JSON (`content` of numbered objects, a refusal as its text), or the plain
 * `{"type", "items"}` / `{"type", "message"}`. What a prompt's chat examples and a case's earlier
 * assistant turns look like, so that a model sees its own past replies in the form it is asked for.
 */
export function formatReply(reply: Reply, form: ReplyForm): string {
  switch (form) {
    case 'xml': {
      const lines = reply.type === 'invalid' ? reply.message : reply.items.map((s, i) => `${i + 1}. ${s}`).join('\n');
      return `<subtodos type='${reply.type}'>\n${lines}\n</subtodos>`;
    }
    case 'json':
      return JSON.stringify(reply);
    case 'seed-json':
      return JSON.stringify(
        reply.type === 'invalid'
          ? { type: reply.type, content: reply.message }
          : { type: reply.type, content: reply.items.map((s, i) => ({ subtodoNumber: i + 1, subtodoContent: s })) },
      );
  }
}
