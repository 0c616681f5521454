import { z } from 'zod';
import { TargetObjectSchema, TargetSpecSchema, type Target } from './target-schema.ts';
import type { JudgeRubric } from '../judge/judge-rubric-schema.ts';

const VariantIdSchema = z.string().min(1);
const PairSchema = z.tuple([VariantIdSchema, VariantIdSchema]).describe('Two variant ids, e.g. [five-principles, seed-xml].');

/** `judge:` as an object, when more than the model is to be said. */
export const JudgeSectionSchema = z.strictObject({
  target: TargetSpecSchema.describe('The model that grades: `openai:gpt-4.1`, or a target object.'),
  rubric: z
    .string()
    .min(1)
    .optional()
    .describe('The judge\'s rubric file (dimensions and anchors), relative to the config. @default the shipped prompts/judge/rubric.ko.yaml'),
  repeat: z.int().min(1).max(15).default(1).describe('Judge samples per reply; with more than one, `reduce` makes one verdict and the report shows the judge\'s consistency. @default 1'),
  reduce: z.enum(['majority', 'mean']).default('majority').describe('How samples become one verdict: each dimension\'s most common level, or the mean score. @default "majority"'),
  temperature: z.number().min(0).max(2).optional().describe('The judge\'s sampling temperature. @default 0 with one sample, 0.7 with more'),
  pairwise: z
    .union([PairSchema, z.array(PairSchema).min(1)])
    .optional()
    .describe('Variant pairs to compare head to head on the same cases, each judged in both orders (also `run --pairwise a,b`).'),
  calibration: z.string().min(1).default('judge-calibration.json').describe('Where `calibrate --judge` stores the judge\'s agreement with people, relative to the config; reports cite it. @default "judge-calibration.json"'),
});

/** `judge: openai:gpt-4.1`, a target object, or the judge section. */
export const JudgeSpecSchema = z.union([z.string().min(1), TargetObjectSchema, JudgeSectionSchema]);
export type JudgeSpec = z.infer<typeof JudgeSpecSchema>;

/** The judge after loading: its target, its rubric read and checked, and how it samples. */
export interface JudgeConfig {
  target: Target;
  rubric: JudgeRubric;
  /** The rubric file as shown to the user (relative to the config, or the shipped default's name). */
  rubricFile: string;
  /** Content hash of the rubric as parsed: a stored calibration names it, so a changed rubric reads as uncalibrated. */
  rubricHash: string;
  repeat: number;
  reduce: 'majority' | 'mean';
  temperature: number;
  pairwise: [string, string][];
  /** Absolute path of the calibration file, and as shown. */
  calibrationFile: string;
  calibrationShown: string;
}
