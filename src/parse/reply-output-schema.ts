import { z } from 'zod';
import { isExactForm } from './check-exact-form.ts';
import { ReplySchema } from './reply-schema.ts';

/**
 * The reply schema as a provider is asked to enforce it (`responseFormat: json_schema`): the
 * parser's own ReplySchema under a `reply` key, because both providers want an object at the root
 * and the reply is a union. The parser reads `{"reply": {…}}` like any wrapped reply.
 */
export const ReplyOutputSchema = z.strictObject({ reply: ReplySchema });
export const REPLY_OUTPUT_NAME = 'subtodo_reply';

/**
 * With the schema enforced, the declared form is the schema's: one `{"reply": …}` object, the
 * reply inside it exactly the plain JSON form, nothing around it.
 */
export function isExactStructuredReply(raw: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(raw.trim());
  } catch {
    return false;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'reply' && isExactForm(JSON.stringify((value as { reply: unknown }).reply), { form: 'json', thinking: false });
}
