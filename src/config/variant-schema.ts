import { z } from 'zod';
import { ReplySchema } from '../parse/reply-schema.ts';

export const FORMATS = ['xml', 'json', 'chat'] as const;
export type Format = (typeof FORMATS)[number];

export const ExampleSchema = z.strictObject({
  input: z.string().min(1).describe('The to-do of the example.'),
  output: ReplySchema.describe('The normalized reply the model should give.'),
  note: z.string().optional().describe('When this kind of reply applies (shown in xml/json forms).'),
  instruction: z.string().optional().describe('What to do in this case (json form: caseInstruction).'),
  reasoning: z.string().optional().describe('Reasoning shown before the reply, for prompts that ask the model to think first.'),
});
export type Example = z.infer<typeof ExampleSchema>;

/** A few-shot set file: a YAML list of examples. */
export const FewShotFileSchema = z.array(ExampleSchema);

export const ParamsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional().describe('Sampling temperature.'),
  maxTokens: z.int().min(1).optional().describe('Cap on reply tokens. @default 1024'),
  topP: z.number().min(0).max(1).optional().describe('Nucleus sampling.'),
  seed: z.int().optional().describe('Sampling seed, where the provider honours one.'),
  stop: z.array(z.string()).optional().describe('Stop sequences.'),
});
export type Params = z.infer<typeof ParamsSchema>;

/** Ids, and matrix axis names (which become part of generated ids), stay safe in globs and `--variants a,b`. */
const IdSchema = z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'use letters, digits, ".", "_" or "-"');

/** `examples` is a path to a few-shot set file (relative to the variant file) or an inline list. */
const ExamplesRefSchema = z.union([z.string().min(1), z.array(ExampleSchema)]);

const variantFields = {
  description: z.string().default('').describe('What this variant tries.'),
  template: z
    .string()
    .refine((t) => t.includes('{{todo}}'), 'must contain {{todo}}, where the to-do goes')
    .default('{{examples}}\n\n{{todo}}')
    .describe('The user message; {{todo}} is the input, {{examples}} the rendered few-shot set.'),
  params: ParamsSchema.default({}),
  promptCache: z
    .boolean()
    .optional()
    .describe('Anthropic targets: mark the system prompt and the few-shot examples as a cache prefix (cache_control); a target\'s promptCache overrides it. @default false'),
};

export const VariantFileSchema = z.strictObject({
  id: IdSchema.describe('Unique variant name.'),
  ...variantFields,
  system: z.string().default('').describe('The system prompt.'),
  examples: ExamplesRefSchema.default([]),
  format: z.enum(FORMATS).default('xml').describe('How examples are shown: xml tags, a JSON list, or chat turns.'),
});

/**
 * A matrix expands into one variant per combination: each axis is a map of name → value
 * (`format` may be a plain list), so an ablation is one file.
 */
export const MatrixFileSchema = z.strictObject({
  id: IdSchema,
  ...variantFields,
  matrix: z.strictObject({
    system: z.record(IdSchema, z.string()).optional(),
    examples: z.record(IdSchema, ExamplesRefSchema).optional(),
    format: z.union([z.array(z.enum(FORMATS)).min(1), z.record(IdSchema, z.enum(FORMATS))]).optional(),
  }),
  system: z.string().optional(),
  examples: ExamplesRefSchema.optional(),
  format: z.enum(FORMATS).optional(),
});

/** A variant after loading: examples resolved, matrix expanded. */
export interface Variant {
  id: string;
  description: string;
  system: string;
  examples: Example[];
  format: Format;
  template: string;
  params: Params;
  /** Anthropic prompt caching of the system prompt and examples (see variantFields.promptCache). */
  promptCache?: boolean | undefined;
  /** Where it came from, for messages. */
  source: string;
}
