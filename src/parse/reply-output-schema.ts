import { z } from 'zod';
import { ReplySchema } from './reply-schema.ts';

/**
 * The reply schema as a provider is asked to enforce it (`responseFormat: json_schema`): the
 * parser's own ReplySchema under a `reply` key, because both providers want an object at the root
 * and the reply is a union. The parser reads `{"reply": {…}}` like any wrapped reply.
 */
export const ReplyOutputSchema = z.strictObject({ reply: ReplySchema });
export const REPLY_OUTPUT_NAME = 'subtodo_reply';
