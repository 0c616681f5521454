import type { Turn } from '../config/case-schema.ts';
import type { Format, Example, Variant } from '../config/variant-schema.ts';
import { renderChatExamples } from './render-chat-examples.ts';
import { fillTemplate } from './fill-template.ts';
import { formatReply } from './format-reply.ts';
import { renderJsonExamples } from './render-json-examples.ts';
import { renderJsonItemsExamples } from './render-json-items-examples.ts';
import type { Message, RenderedPrompt } from './message-types.ts';
import { renderXmlExamples } from './render-xml-examples.ts';

export interface PromptInput {
  input: string;
  history: readonly Turn[];
}

/**
 * The exact messages one trial sends: the system prompt, the chat examples (format `chat`), then
 * the conversation. A single-turn case is the template filled with the to-do and the inline
 * examples. A multi-turn case plays the conversation as the app would have sent it: its first user
 * turn is the template around the original to-do, the assistant's earlier replies are written in
 * the variant's own reply form (as it would have answered), and the later user turns, the last
 * being the case's input, are the user's words as typed.
 */
export function renderPrompt(variant: Variant, testCase: PromptInput): RenderedPrompt {
  const { shots, inline } = renderExamplesOnce(variant);
  const opening = testCase.history.findIndex((turn) => turn.role === 'user');
  if (opening < 0) {
    const history = testCase.history.map((turn) => renderTurn(turn, variant));
    const user = fillTemplate(variant.template, { todo: testCase.input, examples: inline });
    return { system: variant.system, messages: [...shots, ...history, { role: 'user', content: user }] };
  }
  const history = testCase.history.map((turn, i): Message =>
    i === opening ? { role: 'user', content: fillTemplate(variant.template, { todo: turn.content ?? '', examples: inline }) } : renderTurn(turn, variant),
  );
  return { system: variant.system, messages: [...shots, ...history, { role: 'user', content: testCase.input }] };
}

function renderTurn(turn: Turn, variant: Variant): Message {
  if (turn.reply !== undefined) return { role: turn.role, content: formatReply(turn.reply, variant.replyForm) };
  return { role: turn.role, content: turn.content ?? '' };
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
      shots: variant.format === 'chat' ? renderChatExamples(variant.examples, variant.template, variant.replyForm) : [],
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
    case 'json-items':
      return renderJsonItemsExamples(examples);
    case 'chat':
      return '';
  }
}
