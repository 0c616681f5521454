import type { z } from 'zod';
import type { Params } from '../../config/variant-schema.ts';
import type { Reply, ReplyForm, ReplyType } from '../../parse/reply-schema.ts';
import type { Message } from '../../render/message-types.ts';
import type { PromptCachePlan } from '../../render/prompt-cache-plan.ts';
import type { Usage } from '../../results/trial-result.ts';
import type { RateLimitReading } from './rate-limit-headers.ts';

export interface CompletionRequest {
  model: string;
  system: string;
  messages: Message[];
  params: Params;
  signal?: AbortSignal | undefined;
  /** The bare to-do, for the simulated model only; real adapters send `messages` and ignore it. */
  input?: string | undefined;
  /** What the simulated model knows of the case and the prompt's declared form; real adapters ignore it. */
  simulation?: SimulationHints | undefined;
  /** What the call is for; the simulated model answers a judge or pairwise request as a judge would. */
  purpose?: CallPurpose | undefined;
  /** Which attempt this is, 1 for the first: the limits let retries go first. */
  attempt?: number | undefined;
  /**
   * Have the provider enforce this shape (OpenAI strict `response_format`, Anthropic
   * `output_config.format`); the reply still comes back as text, the JSON the parser reads.
   */
  output?: StructuredOutput | undefined;
  /** The dimension ids a judge request grades, for the simulated judge only; real adapters ignore it. */
  dimensions?: string[] | undefined;
  /** Anthropic prompt caching: where the stable prefix ends (`promptCache` on the target or variant). */
  promptCache?: PromptCachePlan | undefined;
}

export type CallPurpose = 'reply' | 'judge' | 'pairwise';

/** A zod schema sent as the provider's structured-output format, named as the provider wants it named. */
export interface StructuredOutput {
  /** Letters, digits, `_` and `-` (OpenAI's rule for a schema name). */
  name: string;
  schema: z.ZodType;
}

/**
 * The simulated model plays a competent model that knows each case's reference reply and errs at a
 * rate set by the case alone (its tags, length, defensible alternatives), never by the prompt.
 */
export interface SimulationHints {
  caseId: string;
  input: string;
  expectedType: ReplyType;
  acceptedTypes: ReplyType[];
  reference: Reply | undefined;
  tags: string[];
  lang: string;
  /** Earlier turns, so a multi-turn case is a harder one. */
  turns: number;
  repeat: number;
  /** The prompt's declared form, which the simulated model follows (bar format slips at a fixed rate). */
  replyForm: ReplyForm;
  thinking: boolean;
  refusal: string | null;
}

export interface Completion {
  text: string;
  usage: Usage;
  /** The request's own duration, when a wrapper queued it first (rate limits, slots): the model's latency, not our waiting. */
  latencyMs?: number;
  /** What the reply's rate-limit headers said, when it had any: the limits pace the target from it. */
  rateLimit?: RateLimitReading;
}

/**
 * One small interface in front of every model. Only adapters import an SDK; they throw
 * ProviderError and nothing else.
 */
export interface Provider {
  readonly simulated: boolean;
  complete(request: CompletionRequest): Promise<Completion>;
}

export const DEFAULT_MAX_TOKENS = 1024;

/** What an SDK adapter needs; the base URL is always resolved by us so the SDK never reads process.env. */
export interface SdkProviderOptions {
  apiKey: string;
  baseURL: string;
  timeoutMs: number;
  /** Largest reply read, raw or decoded. @default 8 MiB */
  maxReplyBytes?: number | undefined;
  /** Removes keys from any text that leaves the adapter (errors, echoed replies). */
  redact: (text: string) => string;
  now?: () => number;
}
