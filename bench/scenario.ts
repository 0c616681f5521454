// One benchmark scenario in a fresh process (so peak RSS is its own); prints one JSON line.
//   node bench/scenario.ts '<ScenarioSpec as JSON>'
import { spawnSync } from 'node:child_process';
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { enableCompileCache } from 'node:module';
import type { CliIO } from '../src/cli/cli-io.ts';
import { makeBenchProject, REPO } from './bench-project.ts';
import { startFakeServerProcess } from './fake-server-process.ts';

export interface ScenarioSpec {
  name: string;
  cases: number;
  /** Two variants, so calls = cases × 2 × repeat. */
  repeat: number;
  latencyMs: number;
  concurrency: number;
  faultRate?: number;
  /** Which faults (default: every kind a retry must survive). */
  faultKinds?: string[];
  /** Fault every attempt at `faultRate`, retries too (default: first attempts only). */
  everyAttempt?: boolean;
  /** The fake server's fault seed: which requests fault. @default 7 */
  seed?: number;
  /** The server takes this many requests at once and answers 429 (Retry-After: 1) beyond. */
  capacity?: number;
  /**
   * Faults are 429s with Retry-After: 1 only: replay the run's own 429s (each call's attempts, in
   * plan order) in the zero-overhead model of test/support/throttle-model.ts, for `boundMs`.
   */
  replayBound?: boolean;
  /** The target's maxRetries. @default the target default */
  maxRetries?: number;
  /** Fill the cache first (untimed), then time a re-run of the CLI as a new process. */
  warmCache?: boolean;
  /** More `run` flags, e.g. ["--no-cache"] to see what the cache costs. */
  args?: string[];
  /**
   * The SDK floor: the same rendered prompts sent through the same provider adapter (the official
   * SDK client) with a bare p-limit, no harness around them, so `harness CPU = total − floor`.
   */
  floor?: boolean;
  /**
   * `run --batch` through the fake server's OpenAI Files + Batches endpoints; each batch ends
   * `batchMs` after it is created.
   */
  batch?: { batchMs: number };
}

export interface ScenarioResult {
  name: string;
  calls: number;
  wallMs: number;
  /** Harness CPU (user + system) per call, start-up and loading included. */
  cpuMsPerCall: number | null;
  peakRssMb: number | null;
  /** Results in results.jsonl, distinct trials, provider errors, calls that needed a retry. */
  results: number;
  distinct: number;
  providerErrors: number;
  retried: number;
  exitCode: number;
  /**
   * `replayBound`: the wall time of a client with no CPU, network or start-up cost that sends the
   * same calls in the same order (retries first, each after exactly its Retry-After) and meets
   * the same 429s. What the luck of the fault draw alone costs.
   */
  boundMs?: number;
}

// As bin/subtodo-eval.js does (the same entry, the same compile cache): the CLI's start-up is
// measured as a user gets it.
enableCompileCache();
const { cliEntry } = await import('../bin/cli-entry.js');
const { main } = (await import(cliEntry().href)) as typeof import('../src/cli/main.ts');

const spec = JSON.parse(process.argv[2] ?? '{}') as ScenarioSpec;
const server = await startFakeServerProcess([
  ...(spec.batch ? ['--batch-ms', String(spec.batch.batchMs)] : []),
  ...(spec.latencyMs > 0 ? ['--latency', String(spec.latencyMs)] : []),
  ...(spec.faultRate ? ['--fault-rate', String(spec.faultRate), '--seed', String(spec.seed ?? 7)] : []),
  ...(spec.faultKinds ? ['--fault-kinds', spec.faultKinds.join(',')] : []),
  ...(spec.everyAttempt ? ['--every-attempt'] : []),
  ...(spec.capacity ? ['--capacity', String(spec.capacity)] : []),
]);
// A hung call waits out its timeout; 5 × the latency (at least 1 s) is a realistic setting.
const root = makeBenchProject({ cases: spec.cases, concurrency: spec.concurrency, timeoutMs: Math.max(1000, spec.latencyMs * 5), maxRetries: spec.maxRetries, extraConfig: spec.batch ? ['batch: { pollSeconds: 0.5 }'] : [] });
const env = { OPENAI_API_KEY: 'sk-bench-000000000000', OPENAI_BASE_URL: server.baseURL, NO_COLOR: '1' };
const runArgs = (out: string) => ['run', '--quiet', ...(spec.batch ? ['--batch'] : []), ...(spec.args ?? []), '--out', out, '--repeat', String(spec.repeat)];
const argv = runArgs('run');

try {
  let result: ScenarioResult;
  if (spec.floor) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const calls = await sendBare(root, env, spec);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    result = { name: spec.name, calls, wallMs, cpuMsPerCall: (used.user + used.system) / 1000 / calls, peakRssMb: process.resourceUsage().maxRSS / 1024, exitCode: 0, results: calls, distinct: calls, providerErrors: 0, retried: 0 };
  } else if (spec.warmCache) {
    const fill = await main(runArgs('fill'), quietIO(root, env));
    if (fill !== 0) throw new Error(`cache fill exited ${fill}`);
    const started = performance.now();
    const child = spawnSync(process.execPath, [join(REPO, 'bin/subtodo-eval.js'), ...argv], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    const wallMs = performance.now() - started;
    result = { name: spec.name, calls: 0, wallMs, cpuMsPerCall: null, peakRssMb: null, exitCode: child.status ?? -1, ...(await countResults(join(root, 'run', 'results.jsonl'))) };
  } else {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const exitCode = await main(argv, quietIO(root, env));
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const counts = await countResults(join(root, 'run', 'results.jsonl'));
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      console.error(`live heap after the run: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`);
    }
    result = { name: spec.name, calls: 0, wallMs, cpuMsPerCall: (used.user + used.system) / 1000 / counts.results, peakRssMb: process.resourceUsage().maxRSS / 1024, exitCode, ...counts };
    if (spec.replayBound) result.boundMs = await replayBound(root, spec);
  }
  result.calls = spec.cases * 2 * spec.repeat;
  console.log(JSON.stringify(result));
} finally {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}

/** The floor: load, plan and render as the run does, then only the SDK calls. */
async function sendBare(root: string, env: Record<string, string>, spec: ScenarioSpec): Promise<number> {
  const { loadProject } = await import('../src/config/load-project.ts');
  const { buildPlan } = await import('../src/plan/build-plan.ts');
  const { renderPrompt } = await import('../src/render/index.ts');
  const { createProviders } = await import('../src/run/providers/create-providers.ts');
  const { mergeParams } = await import('../src/config/merge-params.ts');
  const pLimit = (await import('p-limit')).default;
  const project = await loadProject({ cwd: root, configPath: undefined, cases: undefined, targets: undefined, variants: undefined });
  const plan = buildPlan({ variants: project.variants, targets: project.targets, cases: project.cases, repeat: spec.repeat });
  const { providers } = createProviders(project.targets, env);
  const limit = pLimit(spec.concurrency);
  let sent = 0;
  const one = async (i: number) => {
    const trial = plan.trials[i]!;
    const rendered = renderPrompt(trial.variant, trial.testCase);
    await providers.get(trial.target.id)!.complete({ model: trial.target.model, system: rendered.system, messages: rendered.messages, params: mergeParams(trial.variant.params, trial.target.params), signal: undefined });
    sent++;
  };
  // A bounded window, as the runner keeps, so the floor does not pay for a million queued closures.
  let next = 0;
  await Promise.all(Array.from({ length: spec.concurrency }, async () => {
    while (next < plan.trials.length) await limit(() => one(next++));
  }));
  return sent;
}

function quietIO(cwd: string, env: Record<string, string>): CliIO {
  return { stdout: () => {}, stderr: (t) => void process.stderr.write(t), env, cwd, stderrIsTTY: false, stdoutIsTTY: false, now: () => new Date() };
}

/** The zero-overhead client's wall on this run's own 429s: see `ScenarioResult.boundMs`. */
async function replayBound(root: string, spec: ScenarioSpec): Promise<number> {
  const { loadProject } = await import('../src/config/load-project.ts');
  const { buildPlan } = await import('../src/plan/build-plan.ts');
  const { modelThrottling } = await import('../test/support/throttle-model.ts');
  const attempts = new Map<string, number>();
  for await (const line of createInterface({ input: createReadStream(join(root, 'run', 'results.jsonl'), 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    const r = JSON.parse(line) as { trialId: string; attempts: number };
    attempts.set(r.trialId, r.attempts);
  }
  const project = await loadProject({ cwd: root, configPath: undefined, cases: undefined, targets: undefined, variants: undefined });
  const plan = buildPlan({ variants: project.variants, targets: project.targets, cases: project.cases, repeat: spec.repeat });
  const chains = plan.trials.map((t) => (attempts.get(t.trialId) ?? NaN) - 1);
  const model = modelThrottling({ max: spec.concurrency, chains, latencyMs: spec.latencyMs, restMs: 1000, untilMs: 10 * 60_000 });
  return model.successes === chains.length ? model.ms : NaN;
}

/** Streams results.jsonl: every call accounted for exactly once? */
async function countResults(path: string): Promise<Pick<ScenarioResult, 'results' | 'distinct' | 'providerErrors' | 'retried'>> {
  const trials = new Set<string>();
  let results = 0;
  let providerErrors = 0;
  let retried = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    const r = JSON.parse(line) as { trialId: string; outcome: string; attempts: number; cached: boolean };
    results++;
    trials.add(r.trialId);
    if (r.outcome === 'provider_error') providerErrors++;
    if (r.attempts > 1) retried++;
  }
  return { results, distinct: trials.size, providerErrors, retried };
}
