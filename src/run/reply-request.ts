import { mergeParams } from '../config/merge-params.ts';
import type { Trial } from '../plan/build-plan.ts';
import { renderPrompt, type RenderedPrompt } from '../render/index.ts';
import { planPromptCache } from '../render/prompt-cache-plan.ts';
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
    purpose: 'reply',
    ...(usesPromptCache(trial) ? { promptCache: planPromptCache(trial.variant, rendered, trial.testCase.history.length > 0) } : {}),
  };
}

/** Anthropic only: OpenAI caches a repeated prefix by itself, with nothing to mark. */
function usesPromptCache({ target, variant }: Trial): boolean {
  return target.provider === 'anthropic' && (target.promptCache ?? variant.promptCache ?? false);
}
