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

/**
 * The form a prompt asks replies in: `xml` is the seed's `<subtodos type='…'>` with numbered lines,
 * `seed-json` the seed's `{"type", "content": [{subtodoNumber, subtodoContent}]}`, `json` the plain
 * `{"type", "items"}` / `{"type", "message"}`.
 */
export const REPLY_FORMS = ['xml', 'seed-json', 'json'] as const;
export type ReplyForm = (typeof REPLY_FORMS)[number];

/**
 * The form a reply was found in: the seed's XML, the seed's JSON (`content` list), the plain JSON
 * (`items` / `message`), or some other JSON object the parser could still read.
 */
export const FOUND_FORMS = ['xml', 'seed-json', 'json', 'json-other'] as const;
export type FoundForm = (typeof FOUND_FORMS)[number];

export type ParseResult =
  | { outcome: ReplyType; reply: Reply; form: FoundForm }
  | { outcome: 'format_error'; reply: null; error: string }
  | { outcome: 'schema_error'; reply: null; error: string; issues: SchemaIssue[]; form: FoundForm };
