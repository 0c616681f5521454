import type { Variant } from '../config/variant-schema.ts';
import { fillTemplate } from './fill-template.ts';
import type { RenderedPrompt } from './message-types.ts';
import { renderInlineExamples } from './render-prompt.ts';

/**
 * Which part of a rendered prompt is the same for every case of a variant: the system prompt,
 * then `messages` whole turns (the chat-format examples), then the first `userPrefixChars`
 * characters of the next turn (the template up to `{{todo}}`, inline examples included). A
 * provider's prompt cache can only reuse a prefix, so this is where a cache breakpoint goes.
 */
export interface PromptCachePlan {
  messages: number;
  userPrefixChars: number;
}

const inlineByVariant = new WeakMap<Variant, { shots: number; userPrefix: string }>();

/** Pure; the variant's stable parts are worked out once per variant object. */
export function planPromptCache(variant: Variant, rendered: RenderedPrompt, hasHistory: boolean): PromptCachePlan {
  let stable = inlineByVariant.get(variant);
  if (stable === undefined) {
    stable = { shots: variant.format === 'chat' ? variant.examples.length * 2 : 0, userPrefix: stableUserPrefix(variant) };
    inlineByVariant.set(variant, stable);
  }
  // A case's earlier turns come between the examples and its last user turn: the prefix ends there.
  const user = rendered.messages[stable.shots];
  const userPrefixChars = !hasHistory && user !== undefined && user.content.startsWith(stable.userPrefix) ? stable.userPrefix.length : 0;
  return { messages: stable.shots, userPrefixChars };
}

/**
 * The start of the user turn that does not depend on the to-do: the template's text before the
 * first `{{todo}}`, inline examples included. Empty when the template begins with the to-do.
 */
function stableUserPrefix(variant: Variant): string {
  const filled = fillTemplate(variant.template, { todo: SENTINEL, examples: renderInlineExamples(variant.examples, variant.format) });
  const cut = filled.indexOf(SENTINEL);
  return cut < 0 ? '' : filled.slice(0, cut);
}

const SENTINEL = '\u0000todo\u0000';
