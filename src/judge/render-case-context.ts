import type { Case } from '../config/case-schema.ts';
import type { Reply } from '../parse/reply-schema.ts';
import { acceptedTypes } from '../score/case-text.ts';
import type { JudgeRubric } from './judge-rubric-schema.ts';

/**
 * Text the judge reads that came from a user or a model: `<`, `>` and `&` escaped so a reply
 * holding `</reply>` cannot close the section it sits in and pose as instructions.
 */
export function escapeForPrompt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A captioned, tagged section: the caption in the rubric's language, the tag a stable name. */
export function section(caption: string, tag: string, body: string): string {
  return `${caption}:\n<${tag}>\n${body}\n</${tag}>`;
}

/** A reply as a person reads it: its type, then its items numbered (or the refusal message). */
export function renderReplyText(reply: Reply, rubric: JudgeRubric): string {
  const head = rubric.types[reply.type];
  const body = reply.type === 'invalid' ? escapeForPrompt(reply.message) : reply.items.map((item, i) => `${i + 1}. ${escapeForPrompt(item)}`).join('\n');
  return `${head}\n${body}`;
}

/** An earlier reply on one line of the history: its type, then its items. */
function renderReplyInline(reply: Reply, rubric: JudgeRubric): string {
  const body = reply.type === 'invalid' ? escapeForPrompt(reply.message) : reply.items.map((item, i) => `${i + 1}. ${escapeForPrompt(item)}`).join(' ');
  return `${rubric.types[reply.type]} — ${body}`;
}

/** The to-do, the conversation before it and the reply types that are right for it. */
export function renderCaseSections(testCase: Pick<Case, 'input' | 'history' | 'expect'>, rubric: JudgeRubric): string[] {
  const { labels } = rubric;
  const sections = [section(labels.todo, 'todo', escapeForPrompt(testCase.input))];
  if (testCase.history.length > 0) {
    const turns = testCase.history.map((t) => `${t.role === 'user' ? labels.user : labels.assistant}: ${t.reply === undefined ? escapeForPrompt(t.content ?? '') : renderReplyInline(t.reply, rubric)}`);
    sections.push(section(labels.history, 'history', turns.join('\n')));
  }
  // The expected type first, then the other acceptable ones.
  sections.push(section(labels.expected, 'expected_type', acceptedTypes(testCase).map((t) => rubric.types[t]).join('\n')));
  return sections;
}
