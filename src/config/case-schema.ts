import { z } from 'zod';
import { REPLY_TYPES, ReplySchema } from '../parse/reply-schema.ts';

export const TurnSchema = z.strictObject({
  role: z.enum(['user', 'assistant']).describe('Who said it.'),
  content: z.string().min(1).describe('What was said.'),
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
});
export type Expect = z.infer<typeof ExpectSchema>;

export const CaseSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'use letters, digits, ".", "_" or "-"').describe('Unique id across the corpus.'),
  input: z.string().min(1).describe('The to-do as the user typed it.'),
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
