import { z } from 'zod';
import { ParamsSchema, ResponseFormatSchema } from './variant-schema.ts';

/** Retries for errors other than throttling: at one failure in five, a call is lost about once in 3,000. */
export const DEFAULT_MAX_RETRIES = 4;
/** A call's time for rate-limit and overload replies: long enough for a provider's minute windows to turn over several times. */
export const DEFAULT_THROTTLE_BUDGET_MS = 300_000;
/** Replies are kilobytes; 8 MiB leaves room for the longest and stops a runaway or hostile body. */
export const DEFAULT_MAX_REPLY_BYTES = 8 * 1024 * 1024;
const KEY_LIKE = /KEY|TOKEN|SECRET/;

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
      // Its value is sent as a bearer token to baseURL: a name like HOME or GITHUB_TOKEN's neighbours
      // would hand an unrelated value to whatever server the config names.
      .regex(KEY_LIKE, 'must name a variable that holds a key: its name contains KEY, TOKEN or SECRET (e.g. MY_API_KEY); its value is sent to the target as a bearer token')
      .optional()
      .describe('Environment variable holding the key; its name must contain KEY, TOKEN or SECRET. @default OPENAI_API_KEY or ANTHROPIC_API_KEY'),
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
    maxRetries: z
      .int()
      .min(0)
      .default(DEFAULT_MAX_RETRIES)
      .describe('Retries after the first attempt for errors other than rate limits and overload (5xx, dropped connections, timeouts). @default 4'),
    throttleBudgetMs: z
      .int()
      .min(0)
      .default(DEFAULT_THROTTLE_BUDGET_MS)
      .describe('How long one call keeps retrying replies that ask it to slow down (429, 529, 503 with Retry-After), counted from its first attempt, waits included; then it is a provider_error. @default 300000 (5 minutes)'),
    timeoutMs: z.int().min(1).default(60_000).describe('Per-call timeout.'),
    maxReplyBytes: z
      .int()
      .min(1024)
      .default(DEFAULT_MAX_REPLY_BYTES)
      .describe('Largest reply read, on the wire and once decompressed; a bigger one is refused (not retried) and its connection closed. @default 8388608 (8 MiB)'),
    price: PriceSchema.optional().describe('For costUsd, --dry-run and --max-cost. @default the built-in price table (src/cost/price-table.ts) for known OpenAI and Anthropic models; otherwise cost is reported as unknown'),
    promptCache: z
      .boolean()
      .optional()
      .describe('Anthropic: mark the system prompt and the few-shot examples as a cache prefix (cache_control), so repeated calls read them at the cached price. Overrides the variant\'s promptCache. @default the variant\'s, else false'),
    responseFormat: ResponseFormatSchema.optional().describe('For every variant that sets none: `json_schema` has the provider enforce the reply schema. @default "text"'),
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
