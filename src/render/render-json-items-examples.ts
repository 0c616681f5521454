import type { Example } from '../config/variant-schema.ts';

/**
 * Examples as a JSON list in the plain reply form a prompt may ask for (`{"type","items"}` /
 * `{"type","message"}`), reasoning as a `thinking` field: so the examples show exactly the form
 * the output section asks for, rather than the seed's `content` shape.
 */
export function renderJsonItemsExamples(examples: readonly Example[]): string {
  if (examples.length === 0) return '';
  const list = examples.map((example) => {
    const note = example.note?.trim();
    const instruction = example.instruction?.trim();
    const reasoning = example.reasoning?.trim();
    // The same facts as the xml form's text line, so the two forms differ only in shape.
    return {
      ...(note ? { description: note } : {}),
      ...(instruction ? { instruction } : {}),
      user_prompt: example.input,
      ...(reasoning ? { thinking: reasoning } : {}),
      reply: example.output,
    };
  });
  return JSON.stringify(list, null, 2);
}
