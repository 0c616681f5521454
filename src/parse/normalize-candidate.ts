import { cleanItem } from './clean-item.ts';

type JsonObject = Record<string, unknown>;

// Keys that wrap the real reply: the seed's `{"subtodos": {type, content}}` and the usual
// envelope names models invent.
const WRAPPER_KEYS = ['subtodos', 'reply', 'response', 'result', 'output'] as const;
// A parsed object counts as a reply attempt only if it has one of these (after unwrapping).
const REPLY_KEYS = ['type', 'subtodos', 'items', 'questions'] as const;
// Where the list lives, first match wins; `content` is the seed's JSON shape.
const ITEM_LIST_KEYS = ['items', 'subtodos', 'questions', 'content'] as const;
const MESSAGE_KEYS = ['message', 'content', 'reason', 'text', 'items', 'subtodos'] as const;
// Text of an item given as an object, e.g. the seed's `{subtodoNumber, subtodoContent}`.
const ITEM_TEXT_KEYS = ['subtodoContent', 'questionContent', 'content', 'text', 'question', 'item', 'title', 'task'] as const;
const ITEM_ORDER_KEYS = ['subtodoNumber', 'questionNumber', 'number', 'order', 'index'] as const;
const MAX_UNWRAP_DEPTH = 5;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The reply object inside a parsed JSON value, or null when the value is not a reply attempt
 * (some other object a model mentioned). Wrappers are peeled while the object has no `type`.
 */
export function findReplyObject(value: unknown): JsonObject | null {
  if (!isJsonObject(value)) return null;
  let current: JsonObject = value;
  for (let depth = 0; depth < MAX_UNWRAP_DEPTH && !('type' in current); depth++) {
    const inner = WRAPPER_KEYS.map((key) => current[key]).find(isJsonObject);
    if (inner === undefined) break;
    current = inner;
  }
  return REPLY_KEYS.some((key) => key in current) ? current : null;
}

/**
 * Map a reply object onto the normalized shape, keeping only the fields the schema knows so that
 * extra keys a model adds (`reasoning`, `caseNumber`…) never fail validation. Values that cannot
 * be mapped are passed through unchanged, so the schema reports them with an exact path.
 */
export function normalizeCandidate(reply: JsonObject): JsonObject {
  const type = normalizeType(reply);
  if (type === 'invalid') return { type, message: normalizeMessage(pickFirst(reply, MESSAGE_KEYS)) };
  const items = pickFirst(reply, ITEM_LIST_KEYS);
  if (type === 'answer' || type === 'question' || items !== undefined) {
    return { type, items: normalizeItems(items) };
  }
  const message = pickFirst(reply, MESSAGE_KEYS);
  return message === undefined ? { type } : { type, message: normalizeMessage(message) };
}

function normalizeType(reply: JsonObject): unknown {
  const type = reply['type'];
  if (typeof type === 'string') return type.trim().toLowerCase();
  // A bare `questions` list is unambiguous; a bare `subtodos` list is not (the seed uses it for
  // answers and questions alike), so it is left without a type and fails validation.
  if (type === undefined && Array.isArray(reply['questions'])) return 'question';
  return type;
}

function pickFirst(reply: JsonObject, keys: readonly string[]): unknown {
  for (const key of keys) if (reply[key] !== undefined) return reply[key];
  return undefined;
}

/**
 * A list stays a list: a string where the list belongs (`"content": "짐 싸기, 이삿짐센터 예약하기"`) is
 * passed through for the schema to reject, since the app that reads these replies would show it as
 * one item. Splitting it here would credit the model with a list it never wrote.
 */
function normalizeItems(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return sortByItemNumber(list)
    .map(normalizeItem)
    .filter((item) => item !== '');
}

function normalizeItem(item: unknown): unknown {
  if (typeof item === 'string') return cleanItem(item);
  if (!isJsonObject(item)) return item;
  const text = ITEM_TEXT_KEYS.map((key) => item[key]).find((v) => typeof v === 'string');
  return typeof text === 'string' ? cleanItem(text) : item;
}

/** Stable sort by the item's own number, only when every item carries one. */
function sortByItemNumber(items: unknown[]): unknown[] {
  const numbers = items.map(readItemNumber);
  if (numbers.some((n) => n === null)) return items;
  return items
    .map((item, i) => ({ item, n: numbers[i] ?? 0, i }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map(({ item }) => item);
}

function readItemNumber(item: unknown): number | null {
  if (!isJsonObject(item)) return null;
  for (const key of ITEM_ORDER_KEYS) {
    const value = item[key];
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  return null;
}

function normalizeMessage(message: unknown): unknown {
  if (typeof message === 'string') return message.trim();
  if (!Array.isArray(message)) return message;
  // A refusal written in the list shape: join its lines back into one message.
  const items = normalizeItems(message);
  return Array.isArray(items) && items.every((i) => typeof i === 'string') ? items.join('\n') : message;
}
