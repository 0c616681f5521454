import { join } from 'node:path';
import type { Project } from '../config/load-project.ts';
import type { Target } from '../config/target-schema.ts';
import { loadTokenCounter } from '../cost/count-tokens.ts';
import { estimateInputTokens, maxOutputTokens } from '../cost/estimate-call.ts';
import { priceOf } from '../cost/trial-cost.ts';
import { UserError } from '../errors.ts';
import { formatCost } from '../report/format-numbers.ts';
import { createAnthropicBatchClient } from '../run/batch/anthropic-batch-client.ts';
import { NoBatchApiError, type BatchClient } from '../run/batch/batch-client.ts';
import { batchDir } from '../run/batch/batch-state.ts';
import { batchSupportOf } from '../run/batch/batch-support.ts';
import { PROVIDER_LIMITS, type ChunkLimits } from '../run/batch/chunk-writer.ts';
import { createOpenAIBatchClient } from '../run/batch/openai-batch-client.ts';
import { createResponseCache, type ResponseCache } from '../run/cache/index.ts';
import { resolveApiKey, resolveEndpoint, type Env } from '../run/providers/create-providers.ts';
import type { CompletionRequest } from '../run/providers/provider.ts';
import type { RunFlags } from './program.ts';
import type { ResumedRun } from './resume-run.ts';

/** `--batch`, `--cancel`: the combinations that make sense, checked before anything is read or sent. */
export function checkBatchFlags(flags: RunFlags, resumed: ResumedRun | undefined): boolean {
  const batch = flags.batch === true || resumed?.meta.batch === true;
  if (flags.cancel && !resumed) throw new UserError('USAGE', '--cancel cancels the batches of a run: use it with --resume <runDir>');
  if (flags.cancel && !batch) throw new UserError('USAGE', `--cancel: ${resumed?.shown ?? 'this run'} was not run with --batch; there is nothing to cancel`);
  if (batch && flags.offline) throw new UserError('USAGE', '--batch sends calls and --offline makes none: drop one of them');
  return batch;
}

/**
 * A batch client per target (and for the judge, unless it is the simulated model, which answers
 * live). The mock has no batch API; an endpoint that is not OpenAI's or Anthropic's own (a local
 * server, a proxy) is asked first, and one without a batch API is named, before anything is sent.
 */
export async function prepareBatchClients(project: Project, env: Env, redact: (text: string) => string): Promise<(target: Target) => BatchClient> {
  const mocks = project.targets.filter((t) => t.provider === 'mock');
  if (mocks.length > 0) {
    throw new UserError('NO_BATCH_API', `${mocks.map((t) => t.id).join(', ')}: the simulated model has no batch API (it is free and instant); run it without --batch, or leave it out with --targets`);
  }
  const judge = project.judge?.target;
  const targets = [...project.targets, ...(judge && judge.provider !== 'mock' ? [judge] : [])];
  const clients = new Map<string, BatchClient>();
  const problems: string[] = [];
  for (const target of targets) {
    if (clients.has(target.id)) continue;
    const options = { apiKey: resolveApiKey(target, env), baseURL: resolveEndpoint(target, env), redact };
    const client = target.provider === 'anthropic' ? createAnthropicBatchClient(options) : createOpenAIBatchClient(options);
    clients.set(target.id, client);
    if (batchSupportOf(target, env) === 'yes') continue;
    try {
      await client.check();
    } catch (e) {
      if (!(e instanceof NoBatchApiError)) throw e;
      problems.push(`target ${target.id} (${options.baseURL}): no batch API there (${e.message}); only OpenAI's and Anthropic's own APIs have one: run it without --batch`);
    }
  }
  if (problems.length > 0) throw new UserError('NO_BATCH_API', problems.join('\n'));
  return (target) => {
    const client = clients.get(target.id);
    if (!client) throw new Error(`no batch client for ${target.id}`);
    return client;
  };
}

/** The providers' limits, lowered by the config's batch.maxRequests. */
export function chunkLimits(project: Project): (client: BatchClient) => ChunkLimits {
  return (client) => {
    const limits = PROVIDER_LIMITS[client.api];
    const max = project.config.batch.maxRequests;
    return max === undefined ? limits : { ...limits, requests: Math.min(max, limits.requests) };
  };
}

/** The response cache answers are stored in; with --no-cache, one of the run's own that nothing else reads. */
export function batchCache(cache: ResponseCache | undefined, outDir: string, env: Env, warn: (line: string) => void): ResponseCache {
  return cache ?? createResponseCache({ dir: join(batchDir(outDir), 'cache'), shown: join(batchDir(outDir), 'cache'), offline: false, endpointOf: (t) => resolveEndpoint(t, env), warn });
}

/**
 * `--max-cost` for a batch: a request is sent only while the worst case of everything sent (every
 * input token at the dearer batch price, every reply at maxTokens) stays within the budget.
 */
export function batchBudget(maxUsd: number) {
  let committed = 0;
  let refused: number | undefined;
  return {
    async admit(target: Target, request: CompletionRequest): Promise<boolean> {
      const price = priceOf(target)?.price;
      if (price === undefined) return false;
      const input = estimateInputTokens(request, await loadTokenCounter(target));
      const worst = (input * Math.max(price.batchInput, price.batchCacheWrite) + maxOutputTokens(request) * price.batchOutput) / 1_000_000;
      if (refused !== undefined || committed + worst > maxUsd + 1e-12) {
        refused ??= worst;
        return false;
      }
      committed += worst;
      return true;
    },
    describe(unsent: number, shownOut: string): string {
      return [
        `Stopped at the budget: the batches sent may cost up to ${formatCost(committed)} of --max-cost ${formatCost(maxUsd)}; ${unsent} request(s) not sent.`,
        `The run is incomplete (summary.json says complete: false). Continue with: subtodo-eval run --resume ${shownOut} --max-cost <usd>`,
      ].join('\n');
    },
  };
}

/** What Ctrl-C leaves behind in batch mode, and the two ways on. */
export function describeRunningBatches(running: readonly { batchId: string; target: string }[], shownOut: string): string {
  return [
    `${running.length} batch(es) keep running at the provider: ${running.map((r) => `${r.batchId} (${r.target})`).join(', ')}.`,
    `Collect their results later with: subtodo-eval run --resume ${shownOut}`,
    `Cancel them with: subtodo-eval run --resume ${shownOut} --cancel`,
  ].join('\n');
}
