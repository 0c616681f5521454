import type { Example } from '../config/variant-schema.ts';
import { toSeedReply } from './describe-example.ts';
import { fillTemplate } from './fill-template.ts';
import type { Message } from './message-types.ts';

/**
 * Each example as a user turn (the template with that example's input and no examples) and an
 * assistant turn with the reply in the seed's compact JSON shape, reasoning first when given.
 */
export function renderChatExamples(examples: readonly Example[], template: string): Message[] {
  return examples.flatMap((example): Message[] => {
    const reply = JSON.stringify(toSeedReply(example.output));
    const reasoning = example.reasoning?.trim();
    return [
      { role: 'user', content: fillTemplate(template, { todo: example.input, examples: '' }) },
      { role: 'assistant', content: reasoning ? `<thinking>${reasoning}</thinking>\n${reply}` : reply },
    ];
  });
}
