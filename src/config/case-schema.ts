import { z } from 'zod';
import { REPLY_TYPES, ReplySchema } from '../parse/reply-schema.ts';

/**
 * Longest to-do (and earlier turn) a case may hold, in characters: far beyond any real to-do, and
 * short enough that one case cannot make every call of a run, or a report, huge.
 */
export const MAX_INPUT_CHARS = 10_000;

export const TurnSchema = z
  .strictObject({
    role: z.enum(['user', 'assistant']).describe('Who said it.'),
    content: z.string().min(1).max(MAX_INPUT_CHARS).optional().describe(`What was said, as plain text (at most ${MAX_INPUT_CHARS} characters).`),
    reply: ReplySchema.optional().describe('An assistant turn as a reply (answer, question or invalid): rendered in each variant\'s own reply form.'),
  })
  .superRefine((turn, ctx) => {
    if ((turn.content === undefined) === (turn.reply === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'give exactly one of `content` (plain text) or `reply` (an assistant reply)' });
    } else if (turn.reply !== undefined && turn.role !== 'assistant') {
      ctx.addIssue({ code: 'custom', path: ['reply'], message: 'only an assistant turn can be a `reply`; a user turn is `content`' });
    }
  });
export type Turn = z.infer<typeof TurnSchema>;

export const ExpectSchema = z.strictObject({
  type: z.enum(REPLY_TYPES).describe('The reply kind a good prompt produces.'),
  acceptable: z
    .array(z.enum(REPLY_TYPES))
    .optional()
    .describe('Other reply kinds that are also right, where two are defensible: the type gate passes on any of them.'),
  minItems: z.int().min(0).optional().describe('Fewest items accepted (count criterion). @default 2 for answer, 1 for question'),
  maxItems: z.int().min(1).optional().describe('Most items accepted (count criterion). @default 7 for answer, 5 for question'),
  mentions: z.array(z.string().min(1)).optional().describe('Words the reply should contain (mentions criterion).'),
  forbid: z.array(z.string().min(1)).optional().describe('Words the reply must not contain (forbid criterion).'),
}).superRefine((expect, ctx) => {
  if (expect.minItems !== undefined && expect.maxItems !== undefined && expect.minItems > expect.maxItems) {
    ctx.addIssue({ code: 'custom', path: ['minItems'], message: `is more than maxItems (${expect.minItems} > ${expect.maxItems}): no reply could pass` });
  }
  if (expect.acceptable?.includes(expect.type)) {
    ctx.addIssue({ code: 'custom', path: ['acceptable'], message: `lists "${expect.type}", the expected type itself: name only the other types that are also right` });
  }
});
export type Expect = z.infer<typeof ExpectSchema>;

export const CaseSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'use letters, digits, ".", "_" or "-"').describe('Unique id across the corpus.'),
  input: z.string().min(1).max(MAX_INPUT_CHARS).describe(`The to-do as the user typed it (at most ${MAX_INPUT_CHARS} characters).`),
  expect: ExpectSchema,
  tags: z.array(z.string().min(1)).default([]).describe('Free labels for the per-tag breakdown.'),
  lang: z.string().default('ko').describe('Language the reply should be in (language criterion). @default "ko"'),
  history: z.array(TurnSchema).default([]).describe('Earlier turns, e.g. a question already answered.'),
  reference: ReplySchema.optional().describe('A good reply written by a person: the judge\'s reference, and what the simulated model knows.'),
  note: z.string().optional().describe('Why the case expects what it does, when that is debatable.'),
});
export type Case = z.infer<typeof CaseSchema>;

/** A case file is a YAML list of cases. */
export const CaseFileSchema = z.array(CaseSchema);
