import type { LimitFunction } from 'p-limit';
import type { Case } from '../../config/case-schema.ts';
import { mergeParams } from '../../config/merge-params.ts';
import type { Target } from '../../config/target-schema.ts';
import { combineOrders, parsePreference, renderPairwisePrompt, type JudgeRubric, type Preference } from '../../judge/index.ts';
import { PreferenceSchema } from '../../judge/pairwise/parse-preference.ts';
import type { Reply } from '../../parse/reply-schema.ts';
import { completeOnce, type CompleteDeps } from '../complete-once.ts';
import type { CompletionRequest, Provider } from '../providers/provider.ts';
import type { OrderVerdict, PairRecord } from './pair-record.ts';

export interface PairwiseJudge {
  provider: Provider;
  target: Target;
  rubric: JudgeRubric;
  temperature: number;
  limit: LimitFunction;
}

/** Two replies to one case, to be compared. `reply` null: that side produced none. */
export interface PairTask {
  a: string;
  b: string;
  target: string;
  testCase: Pick<Case, 'id' | 'input' | 'history' | 'expect'>;
  repeat: number;
  replyA: Reply | null;
  replyB: Reply | null;
}

/**
 * Judges one pair in both orders (two calls, each cached like any call) and combines them: a
 * winner only when both orders agree. A side with no reply leaves the pair unjudged — the
 * scorecard already counts format and provider errors; this compares what the replies say.
 * `undefined` when the run was interrupted.
 */
export async function judgePair(judge: PairwiseJudge, task: PairTask, deps: CompleteDeps): Promise<PairRecord | undefined> {
  const base = { a: task.a, b: task.b, target: task.target, caseId: task.testCase.id, repeat: task.repeat, simulated: judge.provider.simulated };
  if (task.replyA === null || task.replyB === null) {
    const missing = task.replyA === null && task.replyB === null ? 'both' : task.replyA === null ? task.a : task.b;
    return { ...base, outcome: 'unjudged', orders: null, firstWon: null, disagreed: false, note: `no reply from ${missing}`, usage: { inputTokens: 0, outputTokens: 0 }, cached: false };
  }
  const ask = (first: Reply, second: Reply) => {
    const prompt = renderPairwisePrompt(judge.rubric, task.testCase, first, second);
    const request: CompletionRequest = {
      model: judge.target.model,
      system: prompt.system,
      messages: prompt.messages,
      params: mergeParams({ temperature: judge.temperature }, judge.target.params),
      signal: deps.cancel,
      purpose: 'pairwise',
      ...(judge.target.responseFormat === 'json_schema' ? { output: { name: 'pairwise_preference', schema: PreferenceSchema } } : {}),
    };
    const miss = () => ({ purpose: 'pairwise' as const, variant: `${task.a} vs ${task.b}`, target: task.target, caseId: task.testCase.id, repeat: task.repeat });
    return completeOnce({ provider: judge.provider, target: judge.target, request, limit: judge.limit, miss }, deps);
  };
  const [one, two] = await Promise.all([ask(task.replyA, task.replyB), ask(task.replyB, task.replyA)]);
  if (one === undefined || two === undefined) return undefined;
  const prefer = (c: typeof one): Preference => (c.ok ? parsePreference(c.text) : { ok: false, error: c.error });
  const [p1, p2] = [prefer(one), prefer(two)];
  const combined = combineOrders(p1, p2);
  const usage = { inputTokens: 0, outputTokens: 0 };
  for (const c of [one, two]) {
    if (!c.ok) continue;
    usage.inputTokens += c.usage.inputTokens;
    usage.outputTokens += c.usage.outputTokens;
  }
  return {
    ...base,
    outcome: combined.outcome,
    orders: [toOrderVerdict(p1), toOrderVerdict(p2)],
    firstWon: combined.firstWon,
    disagreed: combined.disagreed,
    ...(combined.error === undefined ? {} : { note: combined.error }),
    usage,
    cached: one.ok && two.ok && one.cached && two.cached,
  };
}

function toOrderVerdict(p: Preference): OrderVerdict {
  return p.ok ? { winner: p.winner, reason: p.reason } : { error: p.error };
}
