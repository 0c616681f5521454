import { z } from 'zod';

const weight = z.number().min(0).default(1).describe('Share of the case score. @default 1');
const gate = (byDefault: boolean) =>
  z.boolean().default(byDefault).describe(`A failed gate makes the case score 0. @default ${byDefault}`);

export const CriterionSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('schema').describe('Gate: the reply parsed into the reply schema.'), weight, gate: gate(true) }),
  z.strictObject({ name: z.literal('type').describe('Gate: the reply is the expected kind (answer, question or invalid).'), weight, gate: gate(true) }),
  z.strictObject({
    name: z.literal('count').describe('Number of items within the case\'s minItems..maxItems.'),
    weight,
    gate: gate(false),
    answer: z.tuple([z.int().min(0), z.int().min(1)]).default([2, 7]).describe('Default [min, max] items for answers.'),
    question: z.tuple([z.int().min(0), z.int().min(1)]).default([1, 5]).describe('Default [min, max] items for questions.'),
  }),
  z.strictObject({ name: z.literal('unique').describe('Share of distinct items.'), weight, gate: gate(false) }),
  z.strictObject({
    name: z.literal('length').describe('Items no longer than maxChars.'),
    weight,
    gate: gate(false),
    maxChars: z.int().min(1).default(80).describe('Longest item, in characters. @default 80'),
  }),
  z.strictObject({
    name: z.literal('language').describe('Share of the case\'s language in the reply (Hangul for Korean cases).'),
    weight,
    gate: gate(false),
    minShare: z.number().min(0).max(1).default(0.5).describe('Share of Hangul among letters for full marks. @default 0.5'),
  }),
  z.strictObject({ name: z.literal('mentions').describe('The reply contains the case\'s expect.mentions words.'), weight, gate: gate(false) }),
  z.strictObject({ name: z.literal('forbid').describe('The reply contains none of the case\'s expect.forbid words.'), weight, gate: gate(false) }),
  z.strictObject({ name: z.literal('question_form').describe('Questions are phrased as questions.'), weight, gate: gate(false) }),
  z.strictObject({
    name: z.literal('judge').describe('An LLM grades the reply on the anchored dimensions of its rubric file (needs a `judge` target; see judge.rubric).'),
    weight,
    gate: z.boolean().default(false).describe('As a gate the judge\'s fail makes the case score 0; as a weight its graded score counts. @default false'),
    rubric: z.string().min(1).optional().describe('Extra points for the judge to weigh, in words, on top of its rubric file.'),
  }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;
export type CriterionName = Criterion['name'];

export const DEFAULT_CRITERIA: Criterion[] = [
  { name: 'schema', weight: 1, gate: true },
  { name: 'type', weight: 2, gate: true },
  { name: 'count', weight: 1, gate: false, answer: [2, 7], question: [1, 5] },
  { name: 'unique', weight: 0.5, gate: false },
  { name: 'length', weight: 0.5, gate: false, maxChars: 80 },
  { name: 'language', weight: 1, gate: false, minShare: 0.5 },
  { name: 'mentions', weight: 1, gate: false },
  { name: 'forbid', weight: 1, gate: false },
  { name: 'question_form', weight: 0.5, gate: false },
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
