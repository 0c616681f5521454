import { mergeParams } from '../config/merge-params.ts';
import type { Target } from '../config/target-schema.ts';
import type { Variant } from '../config/variant-schema.ts';
import { loadTokenCounter, type TokenCounter } from '../cost/count-tokens.ts';
import { estimateInputTokens, expectedReplyTokens, maxOutputTokens } from '../cost/estimate-call.ts';
import { createPlanEstimate, type BatchSupport, type DryRunReport } from '../cost/plan-estimate.ts';
import type { Reply } from '../parse/reply-schema.ts';
import type { Trial } from '../plan/build-plan.ts';
import { renderDryRun } from '../report/render-dry-run.ts';
import type { ResponseCache } from '../run/cache/response-cache.ts';
import { renderJudgePrompt } from '../judge/index.ts';
import type { JudgeSetup } from '../run/judge-call.ts';
import type { Provider } from '../run/providers/provider.ts';
import { buildReplyRequest } from '../run/reply-request.ts';
import type { CliIO } from './cli-io.ts';

/** A verdict is one short JSON object: `{"score": 0.8, "reason": "<one sentence>"}`. */
const JUDGE_REPLY_TOKENS = 60;

const STAND_IN_REPLY: Reply = { type: 'answer', items: ['필요한 정보와 준비물 확인하기', '순서와 시간 정하기', '마치고 결과 점검하기'] };

export interface DryRunInput {
  /** The calls the run still owes (a resumed run: only the missing ones). */
  trials: readonly Trial[];
  plannedCalls: number;
  providers: ReadonlyMap<string, Provider>;
  judge?: JudgeSetup | undefined;
  cache: ResponseCache | undefined;
  mode: 'live' | 'batch';
  concurrency: number;
  batchSupport: (target: Target) => BatchSupport;
  json: boolean;
}

/**
 * `run --dry-run`: the plan, priced, with no call made and nothing written. Each call is rendered
 * exactly as the run would send it, looked up in the response cache (a hit costs nothing) and its
 * tokens counted with the target's tokenizer, or estimated.
 */
export async function runDryRun(input: DryRunInput, io: CliIO): Promise<DryRunReport> {
  const counters = new Map<string, TokenCounter>();
  const counterOf = async (target: Target) => {
    let counter = counters.get(target.id);
    if (counter === undefined) counters.set(target.id, (counter = await loadTokenCounter(target)));
    return counter;
  };
  const estimate = createPlanEstimate({ mode: input.mode, concurrency: input.concurrency, batchSupport: input.batchSupport, tokenizerOf: (t) => counters.get(t.id)?.method ?? 'estimate' });
  const expected = new Map<Variant, Map<string, number>>();
  const judgeCounter = input.judge ? await counterOf(input.judge.target) : undefined;
  const judgeParams = input.judge ? mergeParams({ temperature: input.judge.config.temperature }, input.judge.target.params) : undefined;

  for (const trial of input.trials) {
    const { target, variant } = trial;
    const counter = await counterOf(target);
    const request = buildReplyRequest(trial);
    const provider = input.providers.get(target.id);
    const key = provider ? input.cache?.keyOf({ provider, target, request, repeat: trial.repeat }) : undefined;
    const cached = key !== undefined && input.cache?.get(key) !== undefined;
    const max = maxOutputTokens(request);
    let perTarget = expected.get(variant);
    if (perTarget === undefined) expected.set(variant, (perTarget = new Map()));
    let reply = perTarget.get(target.id);
    if (reply === undefined) perTarget.set(target.id, (reply = expectedReplyTokens(variant, counter, max)));
    estimate.addReply(variant.id, target, { cached, inputTokens: estimateInputTokens(request, counter), expectedOutputTokens: reply, maxOutputTokens: max });
    if (input.judge && judgeCounter && judgeParams && !cached) {
      // The judge sees the reply, unknown before the call: an example reply stands in for it.
      const prompt = renderJudgePrompt({ rubric: input.judge.config.rubric, testCase: trial.testCase, reply: variant.examples[0]?.output ?? STAND_IN_REPLY, extra: input.judge.extra });
      // One call per verdict sample.
      for (let sample = 0; sample < input.judge.config.repeat; sample++) {
        estimate.addJudge(input.judge.target, { cached: false, inputTokens: estimateInputTokens(prompt, judgeCounter), expectedOutputTokens: JUDGE_REPLY_TOKENS, maxOutputTokens: maxOutputTokens({ params: judgeParams }) });
      }
    }
  }
  const report = estimate.finish({ plannedCalls: input.plannedCalls, alreadyDone: input.plannedCalls - input.trials.length });
  io.stdout(input.json ? `${JSON.stringify(report, null, 2)}\n` : renderDryRun(report));
  return report;
}
