import { parseLenientJson } from '../parse/parse-lenient-json.ts';
import { scanObjectSpans } from '../parse/scan-object-spans.ts';
import { stripReasoning } from '../parse/strip-reasoning.ts';
import { stableJson } from '../plan/content-hash.ts';

export type FoundObject = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Objects parsed at most: a judge reply holds one verdict, not thousands of braces. */
const MAX_OBJECTS = 64;

/**
 * The one JSON object in a judge's reply that carries `key` (`dimensions` for a verdict, `winner`
 * for a preference). Strict where the reply parser is tolerant: prose, a code fence or a
 * `<thinking>` block around it are fine, but there must be exactly one such object — two different
 * ones (a draft and a final, a verdict per sample) are an error rather than a guess, and a reply
 * with none is an error rather than whatever lies between the first `{` and the last `}`.
 */
export function findVerdictObject(text: string, key: string): FoundObject {
  const outside = stripReasoning(text);
  const { starts, ends, firstUnclosed } = scanObjectSpans(outside);
  const found = new Map<string, Record<string, unknown>>();
  let parseError: string | undefined;
  for (let k = 0; k < starts.length && k < MAX_OBJECTS; k++) {
    const parsed = parseLenientJson(outside.slice(starts[k], ends[k]));
    if (!parsed.ok) {
      parseError ??= parsed.error;
      continue;
    }
    const value = parsed.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && key in value) {
      found.set(stableJson(value), value as Record<string, unknown>);
    }
  }
  if (found.size === 1) return { ok: true, value: [...found.values()][0]! };
  if (found.size > 1) return { ok: false, error: `the judge's reply holds ${found.size} different objects with "${key}"; exactly one is allowed` };
  if (parseError !== undefined) return { ok: false, error: `the judge's reply is not valid JSON (${parseError.slice(0, 120)})` };
  if (firstUnclosed !== null) return { ok: false, error: 'the judge\'s JSON object is never closed (reply cut off?)' };
  return { ok: false, error: `the judge's reply has no JSON object with "${key}"` };
}
