import { z } from 'zod';
import { CaseSchema } from '../config/case-schema.ts';
import { ReplySchema } from '../parse/reply-schema.ts';

/**
 * A labeled pair: two replies to one to-do and which one a person prefers. `calibrate --judge`
 * asks the pairwise judge (both orders, as in a run) and counts how often it agrees. `tie` is a
 * real answer: the person saw no difference worth choosing over.
 */
export const LabeledPairSchema = CaseSchema.pick({ id: true, input: true, expect: true, history: true, tags: true, note: true }).extend({
  a: ReplySchema.describe('One reply.'),
  b: ReplySchema.describe('The other reply.'),
  human: z.strictObject({
    prefer: z.enum(['a', 'b', 'tie']).describe('The better reply, or tie.'),
    note: z.string().min(1).describe('Why, in the words a grader would use.'),
    by: z.string().optional().describe('Who judged.'),
    at: z.string().optional().describe('When (ISO date).'),
  }),
});
export type LabeledPair = z.infer<typeof LabeledPairSchema>;

/** A labeled-pairs file is a YAML list of labeled pairs. */
export const LabeledPairFileSchema = z.array(LabeledPairSchema);
