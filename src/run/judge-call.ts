import type { LimitFunction } from 'p-limit';
import type { JudgeConfig } from '../config/judge-schema.ts';
import { mergeParams } from '../config/merge-params.ts';
import type { Target } from '../config/target-schema.ts';
import { buildVerdictSchema, dimensionsOf, parseVerdict, reduceSamples, renderJudgePrompt, type JudgeRecord, type SampleVerdict } from '../judge/index.ts';
import type { Reply } from '../parse/reply-schema.ts';
import type { Case } from '../config/case-schema.ts';
import type { OfflineMiss } from './cache/offline-miss.ts';
import { completeOnce, type CompleteDeps } from './complete-once.ts';
import type { CompletionRequest, Provider } from './providers/provider.ts';
import type { Usage } from '../results/index.ts';

/** The LLM judge as a run uses it: its provider (already behind its target's limits), its config, its own concurrency. */
export interface JudgeSetup {
  provider: Provider;
  target: Target;
  config: Pick<JudgeConfig, 'rubric' | 'repeat' | 'reduce' | 'temperature'>;
  /** The `judge` criterion's own `rubric` text, if it has one: an extra point the judge weighs. */
  extra?: string | undefined;
  /** The judge target's own concurrency limit. */
  limit: LimitFunction;
}

/**
 * The judge's verdict on one reply: `repeat` samples (each its own cache entry, so a cached re-run
 * keeps the judge's noise), each parsed strictly against the rubric's dimensions for the reply's
 * type, reduced to one record. A failed call or an unusable verdict is a failed sample, counted;
 * too many make the record an error. `undefined` when the run was interrupted.
 */
export async function judgeReply(
  judge: JudgeSetup,
  testCase: Pick<Case, 'input' | 'history' | 'expect' | 'reference'>,
  reply: Reply,
  deps: CompleteDeps,
  /** Names the call when `--offline` finds no cached verdict for it. */
  miss: () => OfflineMiss,
): Promise<{ record: JudgeRecord; usage: Usage } | undefined> {
  const { rubric, repeat, reduce, temperature } = judge.config;
  const dimensions = dimensionsOf(rubric, reply.type);
  const prompt = renderJudgePrompt({ rubric, testCase, reply, extra: judge.extra });
  const request: CompletionRequest = {
    model: judge.target.model,
    system: prompt.system,
    messages: prompt.messages,
    params: mergeParams({ temperature }, judge.target.params),
    signal: deps.cancel,
    purpose: 'judge',
    dimensions: dimensions.map((d) => d.id),
    ...(judge.target.responseFormat === 'json_schema' ? { output: { name: 'judge_verdict', schema: buildVerdictSchema(dimensions) } } : {}),
  };
  // Sample 0 has no index, as a judge call always had: its cache entries from before repeats existed still match.
  const calls = await Promise.all(
    Array.from({ length: repeat }, (_, sample) => completeOnce({ provider: judge.provider, target: judge.target, request, sample: sample === 0 ? undefined : sample, limit: judge.limit, miss }, deps)),
  );
  if (calls.some((c) => c === undefined)) return undefined;
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const samples: SampleVerdict[] = calls.map((c) => {
    if (c === undefined || !c.ok) return { ok: false, error: c?.error ?? 'interrupted' };
    usage.inputTokens += c.usage.inputTokens;
    usage.outputTokens += c.usage.outputTokens;
    return parseVerdict(c.text, dimensions);
  });
  return { record: reduceSamples(samples, dimensions, rubric.passScore, reduce), usage };
}
