import { z } from 'zod';

/** The normalized reply every parser path ends in: a discriminated union on `type`. */
export const ReplySchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('answer'),
    items: z.array(z.string().min(1)).min(1).describe('The sub-todos, in order.'),
  }),
  z.strictObject({
    type: z.literal('question'),
    items: z.array(z.string().min(1)).min(1).describe('Questions to ask the user, in order.'),
  }),
  z.strictObject({
    type: z.literal('invalid'),
    message: z.string().min(1).describe('The refusal shown to the user.'),
  }),
]);
export type Reply = z.infer<typeof ReplySchema>;
export type ReplyType = Reply['type'];
export const REPLY_TYPES = ['answer', 'question', 'invalid'] as const satisfies readonly ReplyType[];

/** Every call ends in exactly one of these. */
export const OUTCOMES = [
  'answer',
  'question',
  'invalid',
  'format_error',
  'schema_error',
  'provider_error',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A zod issue kept in results for `schema_error`: plain data, serializable. */
export interface SchemaIssue {
  path: (string | number)[];
  message: string;
}

export type ParseResult =
  | { outcome: ReplyType; reply: Reply }
  | { outcome: 'format_error'; reply: null; error: string }
  | { outcome: 'schema_error'; reply: null; error: string; issues: SchemaIssue[] };
