/** Values for the template's placeholders; a missing or empty one renders as nothing. */
export interface TemplateValues {
  todo: string;
  examples: string;
}

const PLACEHOLDER = /\{\{(todo|examples)\}\}/g;
const ONLY_PLACEHOLDERS = /^\s*(?:\{\{(?:todo|examples)\}\}\s*)+$/;

/**
 * Fills `{{todo}}` and `{{examples}}` in one pass with a replacer function, so text inside the
 * values (`$&`, `{{examples}}`) is never expanded again. Lines holding only placeholders that
 * render empty are dropped and the blank lines around them collapsed, so an empty few-shot set
 * leaves no gap; the template's other blank lines are kept as written.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  const lines = template.split('\n');
  const kept: string[] = [];
  let droppedSinceText = false;
  for (const line of lines) {
    if (ONLY_PLACEHOLDERS.test(line) && renderLine(line, values).trim() === '') {
      droppedSinceText = true;
      continue;
    }
    const blank = line.trim() === '';
    // A dropped line between two blank lines would leave a double gap: keep only one blank.
    if (blank && droppedSinceText && (kept.length === 0 || kept[kept.length - 1]?.trim() === '')) continue;
    if (!blank) droppedSinceText = false;
    kept.push(line);
  }
  return renderLine(kept.join('\n'), values).trim();
}

function renderLine(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => (name === 'todo' ? values.todo : values.examples));
}
