import { z } from 'zod';
import { ParamsSchema } from './variant-schema.ts';

export const PROVIDERS = ['openai', 'anthropic', 'mock'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const PriceSchema = z.strictObject({
  inputPerMTok: z.number().min(0).describe('USD per million input tokens.'),
  outputPerMTok: z.number().min(0).describe('USD per million output tokens.'),
});
export type Price = z.infer<typeof PriceSchema>;

export const TargetObjectSchema = z.strictObject({
  id: z.string().min(1).optional().describe('Name in reports. @default "<provider>:<model>"'),
  provider: z.enum(PROVIDERS).describe('openai (also any OpenAI-compatible server), anthropic, or the simulated mock.'),
  model: z.string().min(1).default('mock').describe('Model name sent to the provider.'),
  baseURL: z.url().optional().describe('Endpoint; for any OpenAI-compatible server (Ollama, vLLM, llama.cpp).'),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name, not the key itself')
    .optional()
    .describe('Environment variable holding the key. @default OPENAI_API_KEY or ANTHROPIC_API_KEY'),
  params: ParamsSchema.default({}).describe('Overrides the variant params for this target.'),
  concurrency: z.int().min(1).optional().describe('Calls in flight to this target at once. @default the global concurrency'),
  rpm: z.number().positive().optional().describe('Requests per minute (honoured from the runs issue on).'),
  tpm: z.number().positive().optional().describe('Tokens per minute (honoured from the runs issue on).'),
  maxRetries: z.int().min(0).default(2).describe('Retries after the first attempt.'),
  timeoutMs: z.int().min(1).default(60_000).describe('Per-call timeout.'),
  price: PriceSchema.optional().describe('For costUsd; left out, cost is reported as unknown.'),
});

/** `openai:gpt-4.1-mini`, `anthropic:claude-haiku-4-5`, `mock`, or the object form. */
export const TargetSpecSchema = z.union([z.string().min(1), TargetObjectSchema]);
export type TargetSpec = z.infer<typeof TargetSpecSchema>;

/** A target after parsing: the id is always set. */
export type Target = Omit<z.output<typeof TargetObjectSchema>, 'id'> & { id: string };
