import type { Case } from '../../config/case-schema.ts';
import type { Reply } from '../../parse/reply-schema.ts';
import type { RenderedPrompt } from '../../render/message-types.ts';
import type { JudgeRubric } from '../judge-rubric-schema.ts';
import { renderCaseSections, renderReplyText, section } from '../render-case-context.ts';

export const PREFERENCE_FORMAT = '{"reason": "…", "winner": "A" | "B" | "tie"}';

/**
 * "Which of these two replies is better?" — the to-do, history and acceptable types as the
 * absolute judge sees them, then the reply in the first position as A and the other as B. The
 * caller asks twice with the positions swapped. No reference reply: the two replies are the
 * comparison. Pure.
 */
export function renderPairwisePrompt(rubric: JudgeRubric, testCase: Pick<Case, 'input' | 'history' | 'expect'>, first: Reply, second: Reply): RenderedPrompt {
  const system = [rubric.pairwise.instructions.trim(), rubric.pairwise.outputInstructions.trim().replace('{{format}}', PREFERENCE_FORMAT)].join('\n\n');
  const sections = [
    ...renderCaseSections(testCase, rubric),
    section(`${rubric.labels.reply} A`, 'reply_a', renderReplyText(first, rubric)),
    section(`${rubric.labels.reply} B`, 'reply_b', renderReplyText(second, rubric)),
  ];
  return { system, messages: [{ role: 'user', content: sections.join('\n\n') }] };
}
