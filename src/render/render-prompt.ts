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
  const { shots, inline } = renderExamplesOnce(variant);
  const history: Message[] = testCase.history.map((turn) => ({ role: turn.role, content: turn.content }));
  const user = fillTemplate(variant.template, { todo: testCase.input, examples: inline });
  return { system: variant.system, messages: [...shots, ...history, { role: 'user', content: user }] };
}

const examplesByVariant = new WeakMap<Variant, { shots: readonly Message[]; inline: string }>();

/**
 * A variant's examples render the same for every case: done once per variant object, not once per
 * call (nine examples are most of a prompt). Variants are not mutated after loading.
 */
function renderExamplesOnce(variant: Variant): { shots: readonly Message[]; inline: string } {
  let rendered = examplesByVariant.get(variant);
  if (rendered === undefined) {
    rendered = {
      shots: variant.format === 'chat' ? renderChatExamples(variant.examples, variant.template) : [],
      inline: renderInlineExamples(variant.examples, variant.format),
    };
    examplesByVariant.set(variant, rendered);
  }
  return rendered;
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
