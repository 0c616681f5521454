import type { Example } from '../config/variant-schema.ts';
import { describeExample, listReplyLines } from './describe-example.ts';

const INDENT = '  ';

/**
 * The seed's XML few-shot block, two spaces per level:
 * `<examples><example>N. note <user_prompt>…</user_prompt> <thinking>…</thinking>
 * <subtodos type='answer'>1. …</subtodos></example></examples>`.
 * The seed's attribute quotes were curly (a word processor's doing); straight ones are used here.
 */
export function renderXmlExamples(examples: readonly Example[]): string {
  if (examples.length === 0) return '';
  const lines = ['<examples>'];
  examples.forEach((example, i) => {
    lines.push(`${INDENT}<example>`);
    const text = describeExample(example, i + 1);
    if (text !== '') lines.push(...indent(text.split('\n'), 2));
    lines.push(...block('user_prompt', '', example.input.split('\n')));
    if (example.reasoning !== undefined && example.reasoning.trim() !== '') {
      lines.push(...block('thinking', '', example.reasoning.trim().split('\n')));
    }
    lines.push(...block('subtodos', ` type='${example.output.type}'`, listReplyLines(example.output)));
    lines.push(`${INDENT}</example>`);
  });
  lines.push('</examples>');
  return lines.join('\n');
}

function block(tag: string, attributes: string, body: string[]): string[] {
  return [...indent([`<${tag}${attributes}>`], 2), ...indent(body, 3), ...indent([`</${tag}>`], 2)];
}

function indent(lines: string[], depth: number): string[] {
  return lines.map((line) => (line === '' ? '' : INDENT.repeat(depth) + line));
}
