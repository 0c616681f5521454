import { z } from 'zod';
import { didYouMean } from './suggest.ts';
import { REPLY_FORMS, ReplySchema, type ReplyForm } from '../parse/reply-schema.ts';

export { REPLY_FORMS, type ReplyForm };

export const FORMATS = ['xml', 'json', 'json-items', 'chat'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Whether the provider is asked to enforce the reply's shape: `text` asks nothing; `json_schema`
 * sends the reply schema as OpenAI's strict `response_format` or Anthropic's
 * `output_config.format` (see docs/judge.md, "Structured outputs").
 */
export const RESPONSE_FORMATS = ['text', 'json_schema'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];
export const ResponseFormatSchema = z
  .enum(RESPONSE_FORMATS)
  .describe('`json_schema`: the provider enforces the reply schema (OpenAI structured outputs, Anthropic structured output); `text`: the prompt alone asks for the form. @default the target\'s, else "text"');

/** What a prompt's examples teach when it states nothing else: xml examples → xml, json and chat → the seed's JSON. */
export const DEFAULT_REPLY_FORM: Record<Format, ReplyForm> = { xml: 'xml', json: 'seed-json', 'json-items': 'json', chat: 'seed-json' };

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
    .superRefine((t, ctx) => {
      // A mistyped placeholder ("{{exampels}}") would be sent to the model as written.
      for (const match of t.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/gu)) {
        const name = match[1] ?? '';
        if ((name === 'todo' || name === 'examples') && match[0] === `{{${name}}}`) continue;
        if (name === 'todo' || name === 'examples') {
          ctx.addIssue({ code: 'custom', message: `write {{${name}}} without spaces inside the braces (got ${match[0]}), or it is sent as written` });
          continue;
        }
        ctx.addIssue({ code: 'custom', message: `unknown placeholder {{${name.slice(0, 40)}}}${didYouMean(name, ['todo', 'examples'])}: only {{todo}} and {{examples}} are filled in` });
      }
    })
    .default('{{examples}}\n\n{{todo}}')
    .describe('The user message; {{todo}} is the input, {{examples}} the rendered few-shot set.'),
  params: ParamsSchema.default({}),
  promptCache: z
    .boolean()
    .optional()
    .describe('Anthropic targets: mark the system prompt and the few-shot examples as a cache prefix (cache_control); a target\'s promptCache overrides it. @default false'),
  responseFormat: ResponseFormatSchema.optional(),
  replyForm: z
    .enum(REPLY_FORMS)
    .optional()
    .describe('The form the prompt asks replies in (xml, seed-json or json). Replies in any other form still parse, but count as salvaged. @default from `format`: xml → xml, json and chat → seed-json'),
  thinking: z
    .boolean()
    .optional()
    .describe('The prompt asks for reasoning (<thinking>…</thinking>) before the reply, so it is part of the declared form. @default true when an example shows reasoning'),
  refusal: z
    .string()
    .min(1)
    .optional()
    .describe('The fixed refusal the prompt asks for (refusal criterion). @default the message of the first invalid example'),
  maxItemChars: z
    .int()
    .min(1)
    .optional()
    .describe('The longest item the prompt allows, in characters (length criterion). @default the criterion\'s maxChars'),
  showReasoning: z
    .boolean()
    .default(true)
    .describe('Show the examples\' reasoning (<thinking> in xml and chat, a "thinking" field in json); false drops it, for an ablation. @default true'),
};

export const VariantFileSchema = z.strictObject({
  id: IdSchema.describe('Unique variant name.'),
  ...variantFields,
  system: z.string().default('').describe('The system prompt.'),
  examples: ExamplesRefSchema.default([]),
  format: z
    .enum(FORMATS)
    .default('xml')
    .describe('How examples are shown: xml tags, the seed\'s JSON list (json), a JSON list in the plain {"type","items"} reply form (json-items), or chat turns.'),
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
    responseFormat: z.union([z.array(z.enum(RESPONSE_FORMATS)).min(1), z.record(IdSchema, z.enum(RESPONSE_FORMATS))]).optional(),
  }),
  system: z.string().optional(),
  examples: ExamplesRefSchema.optional(),
  format: z.enum(FORMATS).optional(),
});

/** A variant after loading: examples resolved, matrix expanded, defaults filled in. */
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
  /** Absent: the target's, else `text`. */
  responseFormat?: ResponseFormat | undefined;
  replyForm: ReplyForm;
  thinking: boolean;
  /** The fixed refusal, when the prompt has one (a `refusal:` or an invalid example). */
  refusal: string | null;
  maxItemChars: number | null;
  /** Where it came from, for messages. */
  source: string;
}

/** Fills what a variant file may leave out from what its examples show. */
export function completeVariant(
  loaded: Omit<Variant, 'replyForm' | 'thinking' | 'refusal' | 'maxItemChars'>,
  stated: {
    replyForm?: ReplyForm | undefined;
    thinking?: boolean | undefined;
    refusal?: string | undefined;
    maxItemChars?: number | undefined;
    showReasoning?: boolean | undefined;
  },
): Variant {
  // Without its reasoning an example is the same example: dropped once here, every renderer agrees.
  const base = stated.showReasoning === false ? { ...loaded, examples: loaded.examples.map(withoutReasoning) } : loaded;
  const invalidExample = base.examples.find((e) => e.output.type === 'invalid')?.output;
  return {
    ...base,
    replyForm: stated.replyForm ?? DEFAULT_REPLY_FORM[base.format],
    thinking: stated.thinking ?? base.examples.some((e) => (e.reasoning ?? '').trim() !== ''),
    refusal: stated.refusal ?? (invalidExample?.type === 'invalid' ? invalidExample.message : null),
    maxItemChars: stated.maxItemChars ?? null,
  };
}

function withoutReasoning(example: Example): Example {
  const { reasoning: _dropped, ...rest } = example;
  return rest;
}
