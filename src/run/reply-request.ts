import { mergeParams } from '../config/merge-params.ts';
import type { Trial } from '../plan/build-plan.ts';
import { REPLY_OUTPUT_NAME, ReplyOutputSchema } from '../parse/reply-output-schema.ts';
import { renderPrompt, type RenderedPrompt } from '../render/index.ts';
import { planPromptCache } from '../render/prompt-cache-plan.ts';
import { acceptedTypes } from '../score/index.ts';
import type { CompletionRequest } from './providers/provider.ts';

/**
 * The one request a trial's reply call sends: live, in a provider batch, in a dry run's estimate
 * and in the response cache's key alike.
 */
export function buildReplyRequest(trial: Trial, rendered: RenderedPrompt = renderPrompt(trial.variant, trial.testCase), signal?: AbortSignal): CompletionRequest {
  return {
    model: trial.target.model,
    system: rendered.system,
    messages: rendered.messages,
    params: mergeParams(trial.variant.params, trial.target.params),
    signal,
    input: trial.testCase.input,
    // What the simulated model may know of the case; real adapters ignore it.
    simulation: {
      caseId: trial.testCase.id,
      input: trial.testCase.input,
      expectedType: trial.testCase.expect.type,
      acceptedTypes: acceptedTypes(trial.testCase),
      reference: trial.testCase.reference,
      tags: trial.testCase.tags,
      lang: trial.testCase.lang,
      turns: trial.testCase.history.length,
      repeat: trial.repeat,
      replyForm: trial.variant.replyForm,
      thinking: trial.variant.thinking,
      refusal: trial.variant.refusal,
    },
    purpose: 'reply',
    ...(enforcedSchema(trial) ? { output: { name: REPLY_OUTPUT_NAME, schema: ReplyOutputSchema } } : {}),
    ...(usesPromptCache(trial) ? { promptCache: planPromptCache(trial.variant, rendered, trial.testCase.history.length > 0) } : {}),
  };
}

/** `responseFormat: json_schema` on the variant, else on the target: the provider enforces the reply schema. */
export function enforcedSchema(trial: Trial): boolean {
  return (trial.variant.responseFormat ?? trial.target.responseFormat) === 'json_schema';
}

/** Anthropic only: OpenAI caches a repeated prefix by itself, with nothing to mark. */
function usesPromptCache({ target, variant }: Trial): boolean {
  return target.provider === 'anthropic' && (target.promptCache ?? variant.promptCache ?? false);
}
