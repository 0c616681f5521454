export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * JSON.parse, retried once without trailing commas (`[1, 2,]`, `{"a": 1,}`), the one JSON slip
 * models make often enough to be worth forgiving. Never throws.
 */
export function parseLenientJson(text: string): JsonParse {
  const first = tryParse(text);
  if (first.ok) return first;
  const repaired = removeTrailingCommas(text);
  if (repaired === text) return first;
  const second = tryParse(repaired);
  return second.ok ? second : first;
}

function tryParse(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Drop each `,` followed only by whitespace and a closing bracket, outside strings. */
function removeTrailingCommas(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === ',' && isFollowedByCloser(text, i + 1)) {
      out += text.slice(copiedUpTo, i);
      copiedUpTo = i + 1;
    }
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

const JSON_WHITESPACE = ' \t\n\r';

function isFollowedByCloser(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && JSON_WHITESPACE.includes(text[i] ?? '')) i++;
  return text[i] === '}' || text[i] === ']';
}
