import type { Case } from '../config/case-schema.ts';
import type { Reply } from '../parse/reply-schema.ts';
import type { RenderedPrompt } from '../render/message-types.ts';
import { dimensionsOf, type Dimension, type JudgeRubric } from './judge-rubric-schema.ts';
import { renderCaseSections, renderReplyText, section } from './render-case-context.ts';
import { describeVerdictFormat } from './verdict-schema.ts';

export interface JudgePromptInput {
  rubric: JudgeRubric;
  testCase: Pick<Case, 'input' | 'history' | 'expect' | 'reference'>;
  reply: Reply;
  /** The `judge` criterion's own `rubric` text, when the config gives one: graded as an extra point of view. */
  extra?: string | undefined;
}

/**
 * The grader's prompt. The system prompt holds the instructions and the dimensions of the reply's
 * type with their anchors, the same for every reply of that type (so a provider's prompt cache
 * can keep it); the user message holds this case: the to-do, the history, the acceptable types,
 * the reference reply when the case has one, and the reply. Pure.
 */
export function renderJudgePrompt(input: JudgePromptInput): RenderedPrompt {
  const { rubric, testCase, reply } = input;
  const dimensions = dimensionsOf(rubric, reply.type);
  const system = [
    rubric.instructions.trim(),
    `<criteria type="${reply.type}">\n${dimensions.map(renderDimension).join('\n\n')}\n</criteria>`,
    ...(input.extra === undefined || input.extra.trim() === '' ? [] : [section(rubric.labels.extra, 'extra_criteria', input.extra.trim())]),
    rubric.outputInstructions.trim().replace('{{format}}', describeVerdictFormat(dimensions)),
  ].join('\n\n');
  const sections = renderCaseSections(testCase, rubric);
  if (testCase.reference !== undefined) sections.push(section(rubric.labels.reference, 'reference_reply', renderReplyText(testCase.reference, rubric)));
  sections.push(section(rubric.labels.reply, 'reply', renderReplyText(reply, rubric)));
  return { system, messages: [{ role: 'user', content: sections.join('\n\n') }] };
}

function renderDimension(d: Dimension): string {
  return [`### ${d.id}: ${d.name}`, d.question, `- 2: ${d.anchors[2]}`, `- 1: ${d.anchors[1]}`, `- 0: ${d.anchors[0]}`].join('\n');
}
