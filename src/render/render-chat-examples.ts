import type { Example } from '../config/variant-schema.ts';
import type { ReplyForm } from '../parse/reply-schema.ts';
import { fillTemplate } from './fill-template.ts';
import { formatReply } from './format-reply.ts';
import type { Message } from './message-types.ts';

/**
 * Each example as a user turn (the template with that example's input and no examples) and an
 * assistant turn with the reply in the variant's declared form (the seed's compact JSON unless it
 * declares another), reasoning first when given.
 */
export function renderChatExamples(examples: readonly Example[], template: string, form: ReplyForm = 'seed-json'): Message[] {
  return examples.flatMap((example): Message[] => {
    const reply = formatReply(example.output, form);
    const reasoning = example.reasoning?.trim();
    return [
      { role: 'user', content: fillTemplate(template, { todo: example.input, examples: '' }) },
      { role: 'assistant', content: reasoning ? `<thinking>${reasoning}</thinking>\n${reply}` : reply },
    ];
  });
}
