import type { Turn } from '../config/case-schema.ts';
import type { Format, Example, Variant } from '../config/variant-schema.ts';
import { renderChatExamples } from './render-chat-examples.ts';
import { fillTemplate } from './fill-template.ts';
import { renderJsonExamples } from './render-json-examples.ts';
import type { Message, RenderedPrompt } from './message-types.ts';
import { renderXmlExamples } from './render-xml-examples.ts';

export interface PromptInput {
  input: string;
  history: readonly Turn[];
}

/**
 * The exact messages one trial sends: the system prompt, the chat examples (format `chat`),
 * the case's earlier turns, then the template filled with the to-do and the inline examples.
 */
export function renderPrompt(variant: Variant, testCase: PromptInput): RenderedPrompt {
  const shots = variant.format === 'chat' ? renderChatExamples(variant.examples, variant.template) : [];
  const history: Message[] = testCase.history.map((turn) => ({ role: turn.role, content: turn.content }));
  const user = fillTemplate(variant.template, {
    todo: testCase.input,
    examples: renderInlineExamples(variant.examples, variant.format),
  });
  return { system: variant.system, messages: [...shots, ...history, { role: 'user', content: user }] };
}

/** The `{{examples}}` text: empty for chat, where examples are turns of their own. */
export function renderInlineExamples(examples: readonly Example[], format: Format): string {
  switch (format) {
    case 'xml':
      return renderXmlExamples(examples);
    case 'json':
      return renderJsonExamples(examples);
    case 'chat':
      return '';
  }
}
