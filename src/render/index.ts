export type { Message, RenderedPrompt } from './message-types.ts';
export { renderPrompt, renderInlineExamples, type PromptInput } from './render-prompt.ts';
export { formatRendered } from './format-rendered.ts';
export { renderXmlExamples } from './render-xml-examples.ts';
export { buildJsonExamples, renderJsonExamples } from './render-json-examples.ts';
export { renderChatExamples } from './render-chat-examples.ts';
export { fillTemplate } from './fill-template.ts';
