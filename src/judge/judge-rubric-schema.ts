import { z } from 'zod';
import { REPLY_TYPES, type ReplyType } from '../parse/reply-schema.ts';

/** The three levels every dimension is graded on. 0 is a fault that fails the reply; 1 a flaw; 2 good. */
export const LEVELS = [0, 1, 2] as const;
export type Level = (typeof LEVELS)[number];
export const TOP_LEVEL = 2;

const DimensionIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_" (it is a JSON key in the verdict)');

export const DimensionSchema = z.strictObject({
  id: DimensionIdSchema.describe('The key the judge answers under, e.g. `specific`.'),
  name: z.string().min(1).describe('A short name, shown to the judge and in reports.'),
  question: z.string().min(1).describe('What this dimension asks of the reply, in one sentence.'),
  weight: z.number().positive().default(1).describe('Share of the judge score. @default 1'),
  anchors: z
    .strictObject({
      2: z.string().min(1).describe('What a reply that fully meets the dimension looks like.'),
      1: z.string().min(1).describe('A flaw worth noting that does not fail the reply.'),
      0: z.string().min(1).describe('A fault a careful grader fails the reply for.'),
    })
    .describe('What each level looks like, so two graders give the same level.'),
});
export type Dimension = z.infer<typeof DimensionSchema>;

const dimensionList = z.array(DimensionSchema).min(1);

/**
 * The judge's rubric file (`prompts/judge/rubric.ko.yaml` by default): the instructions, and for
 * each reply type its dimensions with an anchor per level. The verdict schema, the prompt and
 * the aggregation are all derived from it, so editing it changes what the judge grades.
 */
export const JudgeRubricSchema = z
  .strictObject({
    id: z.string().min(1).describe('Names this rubric in reports and in the calibration file.'),
    passScore: z.number().min(0).max(1).default(0.75).describe('The judge passes a reply at or above this score (and with no dimension at 0). @default 0.75'),
    instructions: z.string().min(1).describe('The grader\'s brief: who it is and how to grade (the system prompt, before the dimensions).'),
    outputInstructions: z.string().min(1).describe('How to write the verdict; `{{format}}` is replaced by the JSON shape for the reply\'s type.'),
    labels: z
      .strictObject({
        todo: z.string().min(1),
        history: z.string().min(1),
        expected: z.string().min(1),
        reference: z.string().min(1),
        reply: z.string().min(1),
        extra: z.string().min(1),
        user: z.string().min(1),
        assistant: z.string().min(1),
      })
      .describe('Words the prompt uses around the data: section captions and who spoke in the history.'),
    types: z.strictObject({ answer: z.string().min(1), question: z.string().min(1), invalid: z.string().min(1) }).describe('How each reply type is named to the judge.'),
    dimensions: z.strictObject({ answer: dimensionList, question: dimensionList, invalid: dimensionList }).describe('The dimensions graded for each reply type.'),
    pairwise: z
      .strictObject({
        instructions: z.string().min(1).describe('The brief for choosing the better of two replies.'),
        outputInstructions: z.string().min(1).describe('How to write the preference; `{{format}}` is replaced by the JSON shape.'),
      })
      .describe('Pairwise mode: which of two replies is better.'),
  })
  .superRefine((rubric, ctx) => {
    for (const type of REPLY_TYPES) {
      const seen = new Map<string, number>();
      rubric.dimensions[type].forEach((d, i) => {
        const first = seen.get(d.id);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['dimensions', type, i, 'id'], message: `duplicate dimension id "${d.id}" (first at dimensions.${type}[${first}])` });
        else seen.set(d.id, i);
      });
    }
    for (const key of ['outputInstructions'] as const) {
      if (!rubric[key].includes('{{format}}')) ctx.addIssue({ code: 'custom', path: [key], message: 'must contain {{format}}, where the verdict\'s JSON shape goes' });
    }
    if (!rubric.pairwise.outputInstructions.includes('{{format}}')) {
      ctx.addIssue({ code: 'custom', path: ['pairwise', 'outputInstructions'], message: 'must contain {{format}}, where the JSON shape goes' });
    }
  });
export type JudgeRubric = z.infer<typeof JudgeRubricSchema>;

export function dimensionsOf(rubric: JudgeRubric, type: ReplyType): Dimension[] {
  return rubric.dimensions[type];
}
