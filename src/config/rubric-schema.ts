import { z } from 'zod';

const weight = z.number().min(0).default(1).describe('Share of the case score. @default 1');
const gate = (byDefault: boolean) =>
  z.boolean().default(byDefault).describe(`A failed gate makes the case score 0, whatever the other criteria say. @default ${byDefault}`);

const range = (min: number, max: number) => z.tuple([z.int().min(0), z.int().min(1)]).default([min, max]);

export const CriterionSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('schema').describe('Gate: the reply parsed into the reply schema.'), weight, gate: gate(true) }),
  z.strictObject({
    name: z.literal('type').describe('Gate: the reply is a kind the case accepts (expect.type, or one of expect.acceptable).'),
    weight,
    gate: gate(true),
  }),
  z.strictObject({
    name: z.literal('count').describe('Number of items within the case\'s minItems..maxItems (or the defaults per reply type).'),
    weight,
    gate: gate(true),
    answer: range(2, 7).describe('Default [min, max] sub-todos. @default [2, 7]'),
    question: range(1, 5).describe('Default [min, max] questions. @default [1, 5]'),
  }),
  z.strictObject({
    name: z.literal('unique').describe('No two items say the same, up to spaces, punctuation, particles and endings.'),
    weight,
    gate: gate(true),
  }),
  z.strictObject({
    name: z.literal('echo').describe('No sub-todo merely repeats the to-do.'),
    weight,
    gate: gate(true),
  }),
  z.strictObject({
    name: z.literal('action').describe('Sub-todos are actions (a verb form or a verbal noun; an English verb for English cases), never questions.'),
    weight,
    gate: gate(true),
    minShare: z.number().min(0).max(1).default(0.75).describe('Share of items that must be actions. @default 0.75'),
  }),
  z.strictObject({
    name: z.literal('fragments').describe('A sub-todo list adds something: not the to-do\'s own words cut apart.'),
    weight,
    gate: gate(true),
  }),
  z.strictObject({
    name: z.literal('relevance').describe('Sub-todos and questions are not generic filler that would fit any to-do.'),
    weight,
    gate: gate(true),
    maxGenericShare: z.number().min(0).max(1).default(0.5).describe('Largest share of items made only of generic words. @default 0.5'),
  }),
  z.strictObject({
    name: z.literal('topic').describe('At least one sub-todo shares a specific word with the to-do (a weight: word overlap misses paraphrase).'),
    weight,
    gate: gate(false),
  }),
  z.strictObject({
    name: z.literal('length').describe('Every item is one line of at most maxChars (the variant\'s maxItemChars when it states one).'),
    weight,
    gate: gate(true),
    maxChars: z.int().min(1).default(60).describe('Longest item, in characters, when the variant states no limit. @default 60'),
  }),
  z.strictObject({
    name: z.literal('language').describe('The reply is in the case\'s language (Latin tech terms inside a Korean sentence are fine).'),
    weight,
    gate: gate(true),
    minShare: z.number().min(0).max(1).default(1).describe('Share of items that must be in the case\'s language. @default 1'),
  }),
  z.strictObject({
    name: z.literal('question_form').describe('Every question is a question: not an order, not a lone "?".'),
    weight,
    gate: gate(true),
  }),
  z.strictObject({
    name: z.literal('refusal').describe('A refusal is the variant\'s fixed refusal, or at least does not do what was asked.'),
    weight,
    gate: gate(true),
  }),
  z.strictObject({
    name: z.literal('mentions').describe('Gate: the reply contains the case\'s expect.mentions words (what every sensible reply must name).'),
    weight,
    gate: gate(true),
  }),
  z.strictObject({ name: z.literal('forbid').describe('Gate: the reply contains none of the case\'s expect.forbid words.'), weight, gate: gate(true) }),
  z.strictObject({
    name: z.literal('judge').describe('An LLM grades the reply on the anchored dimensions of its rubric file (needs a `judge` target; see judge.rubric).'),
    weight,
    gate: z.boolean().default(false).describe('As a gate the judge\'s fail makes the case score 0; as a weight its graded score counts. @default false'),
    rubric: z.string().min(1).optional().describe('Extra points for the judge to weigh, in words, on top of its rubric file.'),
  }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;
export type CriterionName = Criterion['name'];

/**
 * The default rubric: every fault a reply shows by itself is a gate, because a careful grader
 * fails such a reply outright (see docs/rubric.md); `topic` is the one graded weight.
 */
export const DEFAULT_CRITERIA: Criterion[] = [
  { name: 'schema', weight: 1, gate: true },
  { name: 'type', weight: 1, gate: true },
  { name: 'count', weight: 1, gate: true, answer: [2, 7], question: [1, 5] },
  { name: 'unique', weight: 1, gate: true },
  { name: 'echo', weight: 1, gate: true },
  { name: 'action', weight: 1, gate: true, minShare: 0.75 },
  { name: 'fragments', weight: 1, gate: true },
  { name: 'relevance', weight: 1, gate: true, maxGenericShare: 0.5 },
  { name: 'topic', weight: 1, gate: false },
  { name: 'length', weight: 1, gate: true, maxChars: 60 },
  { name: 'language', weight: 1, gate: true, minShare: 1 },
  { name: 'question_form', weight: 1, gate: true },
  { name: 'refusal', weight: 1, gate: true },
  { name: 'mentions', weight: 1, gate: true },
  { name: 'forbid', weight: 1, gate: true },
];

export const RubricSchema = z
  .strictObject({
    passThreshold: z.number().min(0).max(1).default(0.7).describe('A case passes at or above this score. @default 0.7'),
    criteria: z.array(CriterionSchema).min(1).default(DEFAULT_CRITERIA).describe('Criteria and weights (at most one `judge`).'),
  })
  .superRefine((rubric, ctx) => {
    // Scoring asks the judge once, with the first judge rubric: a second one would be silently ignored.
    const judges = rubric.criteria.flatMap((c, i) => (c.name === 'judge' ? [i] : []));
    for (const i of judges.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['criteria', i],
        message: `only one \`judge\` criterion is allowed (the first is rubric.criteria[${judges[0] ?? 0}]): put everything the judge grades into its \`rubric\` text`,
      });
    }
  });
export type Rubric = z.infer<typeof RubricSchema>;
