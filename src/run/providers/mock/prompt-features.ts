import type { CompletionRequest } from '../provider.ts';

/** What the simulated model "notices" in a prompt; better prompts make it err less. */
export interface PromptFeatures {
  examples: number;
  statesFormat: boolean;
  asksReasoning: boolean;
  replyStyle: 'plain-json' | 'seed-json' | 'xml';
}

export function readPromptFeatures(request: CompletionRequest): PromptFeatures {
  const text = [request.system, ...request.messages.map((m) => m.content)].join('\n');
  const xmlExamples = count(text, /<example>/g);
  const jsonExamples = count(text, /"caseNumber"/g);
  const chatExamples = request.messages.filter((m) => m.role === 'assistant').length;
  const examples = Math.max(xmlExamples, jsonExamples, chatExamples);
  const statesFormat = /output_format|출력 형식|응답 형식|JSON (객체|object)|"items"/i.test(text);
  const asksReasoning = /<thinking>/.test(text);
  const replyStyle = /"items"/.test(text) ? 'plain-json' : jsonExamples > 0 || /subtodoNumber/.test(text) ? 'seed-json' : 'xml';
  return { examples, statesFormat, asksReasoning, replyStyle };
}

/** Chance of a well-formed, correctly typed reply: rises with examples, a stated format, reasoning. */
export function skillOf(f: PromptFeatures): number {
  return Math.min(0.97, 0.6 + 0.035 * Math.min(f.examples, 9) + (f.statesFormat ? 0.08 : 0) + (f.asksReasoning ? 0.04 : 0));
}

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}
