import type { FakeApi } from './fake-types.ts';

/** The texts a responder cares about, pulled out of either wire format. */
export interface PromptTexts {
  lastUserText: string;
  systemText: string;
  /** Every text the model would read, for a rough input-token count. */
  allText: string;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A message `content` is a string or a list of parts; only text parts count. */
export function readContentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isRecord)
    .map((part) => (part['type'] === 'text' && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter((text) => text !== '')
    .join('\n');
}

function readMessages(body: Record<string, unknown>): Record<string, unknown>[] {
  const messages = body['messages'];
  return Array.isArray(messages) ? messages.filter(isRecord) : [];
}

export function readPromptTexts(api: FakeApi, body: unknown): PromptTexts {
  if (!isRecord(body)) return { lastUserText: '', systemText: '', allText: '' };
  const messages = readMessages(body);
  const systemParts =
    api === 'anthropic'
      ? [readContentText(body['system'])]
      : messages
          .filter((m) => m['role'] === 'system' || m['role'] === 'developer')
          .map((m) => readContentText(m['content']));
  const conversation = messages.filter((m) => m['role'] === 'user' || m['role'] === 'assistant');
  const lastUser = conversation.filter((m) => m['role'] === 'user').at(-1);
  const systemText = systemParts.filter((text) => text !== '').join('\n\n');
  return {
    lastUserText: lastUser ? readContentText(lastUser['content']) : '',
    systemText,
    allText: [systemText, ...conversation.map((m) => readContentText(m['content']))].join('\n'),
  };
}

/**
 * A rough token count: about four ASCII characters per token, and one token per other character
 * (Hangul syllables cost roughly that in current tokenizers). Good enough for cost-shaped numbers.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 128) ascii += 1;
    else other += 1;
  }
  return Math.max(1, Math.ceil(ascii / 4) + other);
}
