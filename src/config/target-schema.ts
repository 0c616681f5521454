import { z } from 'zod';
import { ParamsSchema } from './variant-schema.ts';

export const PROVIDERS = ['openai', 'anthropic', 'mock'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const PriceSchema = z.strictObject({
  inputPerMTok: z.number().min(0).describe('USD per million input tokens.'),
  outputPerMTok: z.number().min(0).describe('USD per million output tokens.'),
  cachedInputPerMTok: z.number().min(0).optional().describe('USD per million input tokens read from the provider\'s prompt cache. @default inputPerMTok'),
  cacheWritePerMTok: z.number().min(0).optional().describe('USD per million input tokens written to the prompt cache (Anthropic). @default inputPerMTok'),
  batchInputPerMTok: z.number().min(0).optional().describe('USD per million input tokens in a provider batch (`run --batch`). @default half of inputPerMTok'),
  batchOutputPerMTok: z.number().min(0).optional().describe('USD per million output tokens in a provider batch. @default half of outputPerMTok'),
});
export type Price = z.infer<typeof PriceSchema>;

/** A variant param a target may also set to `null`: reasoning models reject `temperature` outright. */
function dropable<T extends z.ZodType>(param: z.ZodOptional<T>) {
  const [what = '', byDefault] = (param.description ?? '').split(' @default ');
  return param.unwrap().nullable().optional().describe(`${what} null drops the variant's value.${byDefault === undefined ? '' : ` @default ${byDefault}`}`.trim());
}

const p = ParamsSchema.shape;
export const TargetParamsSchema = z.strictObject({
  temperature: dropable(p.temperature),
  maxTokens: dropable(p.maxTokens),
  topP: dropable(p.topP),
  seed: dropable(p.seed),
  stop: dropable(p.stop),
});
export type TargetParams = z.infer<typeof TargetParamsSchema>;

/**
 * Target ids and model names reach the terminal, reports and file names: printable characters
 * only, no controls, no invisible format or bidi characters, no line breaks.
 */
export const PrintableSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'printable characters only (no control, invisible or bidi characters)');

export const TargetObjectSchema = z
  .strictObject({
    id: PrintableSchema.optional().describe('Name in reports. @default "<provider>:<model>"'),
    provider: z.enum(PROVIDERS).describe('openai (also any OpenAI-compatible server), anthropic, or the simulated mock.'),
    model: PrintableSchema.optional().describe('Model name sent to the provider; required for openai and anthropic. @default "mock" for mock'),
    baseURL: z.url().optional().describe('Endpoint; for any OpenAI-compatible server (Ollama, vLLM, llama.cpp).'),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name, not the key itself')
      .optional()
      .describe('Environment variable holding the key. @default OPENAI_API_KEY or ANTHROPIC_API_KEY'),
    params: TargetParamsSchema.default({}).describe('Overrides the variant params for this target; a null param removes the variant\'s value.'),
    concurrency: z.int().min(1).optional().describe('Calls in flight to this target at once; lowered for a while after a burst of 429/529 replies. @default the global concurrency'),
    rpm: z
      .int()
      .min(1)
      .optional()
      .describe('Requests per minute to this target, retries included: attempts start at least 60/rpm seconds apart. @default no limit'),
    tpm: z
      .int()
      .min(1)
      .optional()
      .describe('Tokens per minute to this target (input + output), retries included: each attempt reserves an estimate (prompt tokens + maxTokens), corrected to the real usage when it returns. @default no limit'),
    maxRetries: z.int().min(0).default(2).describe('Retries after the first attempt.'),
    timeoutMs: z.int().min(1).default(60_000).describe('Per-call timeout.'),
    price: PriceSchema.optional().describe('For costUsd, --dry-run and --max-cost. @default the built-in price table (src/cost/price-table.ts) for known OpenAI and Anthropic models; otherwise cost is reported as unknown'),
    promptCache: z
      .boolean()
      .optional()
      .describe('Anthropic: mark the system prompt and the few-shot examples as a cache prefix (cache_control), so repeated calls read them at the cached price. Overrides the variant\'s promptCache. @default the variant\'s, else false'),
  })
  .superRefine((t, ctx) => {
    // A default model would quietly send a real provider the name "mock".
    if (t.provider !== 'mock' && t.model === undefined) ctx.addIssue({ code: 'custom', path: ['model'], message: `is required for provider ${t.provider}` });
  });

/** `openai:gpt-4.1-mini`, `anthropic:claude-haiku-4-5`, `mock`, or the object form. */
export const TargetSpecSchema = z.union([z.string().min(1), TargetObjectSchema]);
export type TargetSpec = z.infer<typeof TargetSpecSchema>;

/** A target after parsing: the id and model are always set. */
export type Target = Omit<z.output<typeof TargetObjectSchema>, 'id' | 'model'> & { id: string; model: string };
