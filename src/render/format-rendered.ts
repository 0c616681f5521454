import type { RenderedPrompt } from './message-types.ts';

/**
 * A readable, exact dump of what is sent (for `render <variant> <case>`): a header line per
 * message, then its content verbatim; an empty system prompt gets a "(none)" header so its absence shows.
 */
export function formatRendered(rendered: RenderedPrompt): string {
  const sections = [rendered.system === '' ? '── system (none) ──' : `── system ──\n${rendered.system}`];
  for (const message of rendered.messages) sections.push(`── ${message.role} ──\n${message.content}`);
  return `${sections.join('\n\n')}\n`;
}
