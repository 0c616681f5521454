import type { Params } from '../../config/variant-schema.ts';
import type { Reply, ReplyForm, ReplyType } from '../../parse/reply-schema.ts';
import type { Message } from '../../render/message-types.ts';
import type { PromptCachePlan } from '../../render/prompt-cache-plan.ts';
import type { Usage } from '../../results/trial-result.ts';

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
  /** What the call is for; the simulated model answers a judge request with a verdict. */
  purpose?: 'reply' | 'judge' | undefined;
  /** Anthropic prompt caching: where the stable prefix ends (`promptCache` on the target or variant). */
  promptCache?: PromptCachePlan | undefined;
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
  /** Removes keys from any text that leaves the adapter (errors, echoed replies). */
  redact: (text: string) => string;
  now?: () => number;
}
