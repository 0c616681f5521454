import { isJsonObject } from './normalize-candidate.ts';
import { REPLY_TYPES, type ReplyForm } from './reply-schema.ts';
import { stripReasoning } from './strip-reasoning.ts';

export interface DeclaredForm {
  form: ReplyForm;
  /** A reasoning block before the reply belongs to the form. */
  thinking: boolean;
}

/**
 * Whether a raw reply came exactly in the declared form, so that the app that consumes these
 * replies, parsing only that form, would read it as it is. The tolerant parser salvages replies
 * from prose, code fences, other forms and loose JSON; this check is strict on purpose: strict
 * JSON.parse, exactly the form's keys, nothing before or after but whitespace (and the reasoning
 * block when the prompt asks for one).
 */
export function isExactForm(raw: string, declared: DeclaredForm): boolean {
  const text = (declared.thinking ? stripReasoning(raw) : raw).trim();
  if (text === '') return false;
  switch (declared.form) {
    case 'xml':
      return isExactXml(text);
    case 'json':
      return isExactPlainJson(readJson(text));
    case 'seed-json':
      return isExactSeedJson(readJson(text));
  }
}

const XML_REPLY = /^<subtodos\s+type=(["'])(answer|question|invalid)\1\s*>([\s\S]*)<\/subtodos>$/u;
const NUMBERED_LINE = /^\d{1,3}\.\s+\S/u;

function isExactXml(text: string): boolean {
  const match = XML_REPLY.exec(text);
  if (match === null) return false;
  const [, , type, body = ''] = match;
  if (body.includes('<subtodos')) return false;
  const lines = body.split(/\r?\n/u).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return false;
  return type === 'invalid' ? true : lines.every((line) => NUMBERED_LINE.test(line));
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function hasExactKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => k in value);
}

function isReplyType(value: unknown): boolean {
  return typeof value === 'string' && (REPLY_TYPES as readonly string[]).includes(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isExactPlainJson(value: unknown): boolean {
  if (!isJsonObject(value) || !isReplyType(value['type'])) return false;
  if (value['type'] === 'invalid') return hasExactKeys(value, ['type', 'message']) && isNonEmptyString(value['message']);
  const items = value['items'];
  return hasExactKeys(value, ['type', 'items']) && Array.isArray(items) && items.length > 0 && items.every(isNonEmptyString);
}

/** `{"type", "content"}`, or the same under the seed's `{"subtodos": …}` wrapper. */
function isExactSeedJson(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const inner = hasExactKeys(value, ['subtodos']) ? value['subtodos'] : value;
  if (!isJsonObject(inner) || !hasExactKeys(inner, ['type', 'content']) || !isReplyType(inner['type'])) return false;
  const content = inner['content'];
  if (inner['type'] === 'invalid') return isNonEmptyString(content);
  return (
    Array.isArray(content) &&
    content.length > 0 &&
    content.every(
      (item) =>
        isJsonObject(item) &&
        hasExactKeys(item, ['subtodoNumber', 'subtodoContent']) &&
        typeof item['subtodoNumber'] === 'number' &&
        isNonEmptyString(item['subtodoContent']),
    )
  );
}
