import { findJsonReply } from './extract-json-candidates.ts';
import { normalizeCandidate } from './normalize-candidate.ts';
import { findXmlReply } from './parse-xml-reply.ts';
import type { FoundForm, ParseResult } from './reply-schema.ts';
import { stripReasoning } from './strip-reasoning.ts';
import { validateCandidate } from './validate-candidate.ts';

type Found = { reply: Record<string, unknown>; form: FoundForm } | { problem: string };

const NOTHING_FOUND = 'no JSON object or <subtodos> element found';

/**
 * Parse a model's raw reply into exactly one outcome. Never throws, for any string.
 *
 * Where the reply is looked for: the text outside `<thinking>`/`<think>`/`<reasoning>` blocks;
 * only if that holds no reply attempt at all, the whole text (a model that answered inside its
 * reasoning). A broken attempt outside is reported as such, never replaced by a draft. Within that text the JSON rule of
 * `findJsonReply` picks one JSON reply and `findXmlReply` the last `<subtodos>` element; when
 * both exist the one that ends later wins (the final answer comes last; and an XML example quoted
 * inside a JSON string ends before the JSON does).
 */
export function parseReply(raw: string): ParseResult {
  try {
    return parseText(raw);
  } catch (error) {
    // Defensive: a parser bug must become a data point in results, never a crashed run.
    const reason = error instanceof Error ? error.message : String(error);
    return formatError(`parser failed: ${reason.slice(0, 200)}`);
  }
}

function parseText(raw: string): ParseResult {
  if (typeof raw !== 'string' || raw.trim() === '') return formatError('empty reply');
  const outside = stripReasoning(raw);
  let found = findReply(outside);
  if ('problem' in found && found.problem === NOTHING_FOUND && outside !== raw) found = findReply(raw);
  if ('problem' in found) return formatError(found.problem);
  return validateCandidate(normalizeCandidate(found.reply), found.form);
}

function findReply(text: string): Found {
  const json = findJsonReply(text);
  const xml = findXmlReply(text);
  const jsonEnd = json.candidate?.end ?? -1;
  const xmlEnd = xml.candidate?.end ?? -1;
  if (json.candidate !== null && jsonEnd >= xmlEnd) return { reply: json.candidate.reply, form: jsonFormOf(json.candidate.reply) };
  if (xml.candidate !== null) return { reply: xml.candidate.reply, form: 'xml' };
  return { problem: xml.problem ?? json.problem ?? NOTHING_FOUND };
}

/** The seed's JSON keeps its list (or refusal) under `content`; the plain form uses `items` or `message`. */
function jsonFormOf(reply: Record<string, unknown>): FoundForm {
  if ('content' in reply && !('items' in reply) && !('message' in reply)) return 'seed-json';
  if ('items' in reply || 'message' in reply) return 'json';
  return 'json-other';
}

function formatError(error: string): ParseResult {
  return { outcome: 'format_error', reply: null, error };
}
