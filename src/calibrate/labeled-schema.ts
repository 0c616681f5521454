import { z } from 'zod';
import { CaseSchema } from '../config/case-schema.ts';
import { ReplySchema } from '../parse/reply-schema.ts';

/**
 * The failure modes a grader names. `good` is a pass; the rest say what is wrong. A mode the
 * reply itself shows (an echo, a noun list) is for rules to catch; a mode only the meaning shows
 * (unsafe advice, questions unrelated to the to-do) is for a judge. `unspecified` is for marks made
 * in the viewer without a mode.
 */
export const FAILURE_MODES = {
  good: 'a good reply',
  unspecified: 'marked without a mode',
  // classification
  'wrong-type': 'the wrong kind of reply for this input (answer / question / refusal)',
  // answer
  echo: 'the to-do echoed back as an item',
  'single-item': 'one item where the to-do needs several',
  duplicates: 'the same item more than once (up to spaces, punctuation or endings)',
  'wrong-language': 'not in the language of the user',
  'questions-in-answer': 'sub-todos written as questions',
  'too-many-items': 'far more items than the to-do needs (micro-steps)',
  paragraphs: 'paragraphs instead of short sub-todos',
  'no-action': 'nouns or topics with no action',
  fragments: 'the to-do cut into its own words, nothing added',
  generic: 'generic filler that would fit any to-do',
  // question
  orders: 'orders or instructions posing as questions',
  'bare-mark': 'a lone "?" or an empty question',
  'too-many-questions': 'more questions than the user should have to answer',
  'irrelevant-questions': 'questions unrelated to what is missing',
  'redundant-questions': 'asks what the to-do already says',
  // invalid
  'answers-anyway': 'a refusal that does the request anyway',
  'empty-refusal': 'an empty or meaningless refusal',
  // meaning
  unsafe: 'advice that could hurt the user or others',
  synonyms: 'several items that say the same thing in other words',
  'lost-details': 'drops the time, place or people the to-do gave',
  'wrong-order': 'steps in an order that cannot work',
  invented: 'invents facts the user never gave',
  'obeys-injection': 'follows an instruction hidden in the input',
  // form
  'not-a-list': 'the list is not a list (one string of items)',
  'no-reply': 'no parseable reply at all',
} as const;
export type FailureMode = keyof typeof FAILURE_MODES;
export const FAILURE_MODE_IDS = Object.keys(FAILURE_MODES) as [FailureMode, ...FailureMode[]];

export const HumanVerdictSchema = z.strictObject({
  verdict: z.enum(['pass', 'fail']).describe('What a careful grader decided.'),
  mode: z.enum(FAILURE_MODE_IDS).default('unspecified').describe('The failure mode, or `good` for a pass.'),
  shownBy: z
    .enum(['reply', 'meaning'])
    .optional()
    .describe('Whether the fault shows in the reply itself (rules can catch it) or only in its meaning (a judge must read it).'),
  score: z.number().min(0).max(1).optional().describe('A graded score, where the grader gave one (for rank agreement).'),
  note: z.string().optional().describe('Why: what a reader should see.'),
  by: z.string().optional().describe('Who graded.'),
  at: z.string().optional().describe('When (ISO date).'),
});
export type HumanVerdict = z.infer<typeof HumanVerdictSchema>;

/**
 * A labeled reply is a case plus a reply and a person's verdict. The reply is given normalized
 * (`reply`), or as the model's text (`raw`), which then goes through the parser like any reply.
 * `variant` names the prompt whose declared form, refusal and length limit apply.
 */
export const LabeledReplySchema = CaseSchema.extend({
  reply: ReplySchema.nullable().optional().describe('The reply, normalized.'),
  raw: z.string().optional().describe('The reply as the model wrote it; parsed like any reply.'),
  variant: z.string().optional().describe('The prompt variant whose expectations (refusal, length, form) apply.'),
  human: HumanVerdictSchema,
}).superRefine((entry, ctx) => {
  if ((entry.reply === undefined) === (entry.raw === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['reply'], message: 'give exactly one of `reply` (normalized) or `raw` (the model\'s text)' });
  }
  if (entry.human.verdict === 'pass' && entry.human.mode !== 'good' && entry.human.mode !== 'unspecified') {
    ctx.addIssue({ code: 'custom', path: ['human', 'mode'], message: `a pass has mode \`good\` (got "${entry.human.mode}")` });
  }
  if (entry.human.verdict === 'fail' && entry.human.mode === 'good') {
    ctx.addIssue({ code: 'custom', path: ['human', 'mode'], message: 'a fail names its failure mode, not `good`' });
  }
});
export type LabeledReply = z.infer<typeof LabeledReplySchema>;

/** A labeled-set file is a YAML list of labeled replies. */
export const LabeledFileSchema = z.array(LabeledReplySchema);
