import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Target } from '../../config/target-schema.ts';
import type { Trial } from '../../plan/build-plan.ts';
import type { CompletionRequest } from '../providers/provider.ts';
import { isRetryableStatus } from '../providers/provider-error.ts';
import { buildReplyRequest } from '../reply-request.ts';
import type { TrialResult } from '../../results/trial-result.ts';
import type { BatchClient, BatchLine, BatchStatus } from './batch-client.ts';
import { openStateLog, readBatchState, type BatchPhase, type ChunkState } from './batch-state.ts';
import { finishTrial, probeTrial, storeAnswer, type BatchTrialDeps, type MissingCall } from './batch-trials.ts';
import { fileLines } from './read-lines.ts';
import { createChunkWriter, type ChunkLimits } from './chunk-writer.ts';

export interface BatchRunDeps extends BatchTrialDeps {
  /** The run folder's batch folder: chunk files and state.jsonl. */
  dir: string;
  /** The trials the run still owes. */
  trials: readonly Trial[];
  clientFor: (target: Target) => BatchClient;
  limitsFor: (client: BatchClient) => ChunkLimits;
  pollMs: number;
  /** Ctrl-C: stop waiting; the batches keep running at the provider. */
  stop?: AbortSignal | undefined;
  /** `--cancel`: cancel the run's batches, send nothing new, keep what finished. */
  cancel: boolean;
  /** `--max-cost`: false when this request's worst case no longer fits; it is then not sent. */
  admit?: ((target: Target, request: CompletionRequest) => Promise<boolean>) | undefined;
  onResult: (result: TrialResult) => Promise<void>;
  onProgress: (line: string) => void;
}

export interface BatchRunOutcome {
  /** Stopped by Ctrl-C while batches were still running. */
  interrupted: boolean;
  /** Batches submitted and not yet read: what `--resume` re-attaches to. */
  running: { batchId: string; target: string }[];
  /** Requests not sent: over the budget, or `--cancel`. */
  unsent: number;
  /** A control call the provider kept refusing (upload, create, reading results): the run stopped there. */
  failure?: string;
}

/** A judge sample's custom id: `j<sample>-<trialId>` (sample 0 has no index in its cache key). */
const JUDGE_ID = /^j(\d+)-(.+)$/;
const CUSTOM_ID = /^\{"custom_id":"([^"]+)"/;

function judgeId(trialId: string, sample: number | undefined): string {
  return `j${sample ?? 0}-${trialId}`;
}

/** The trial a custom id belongs to. */
function trialOf(customId: string, phase: BatchPhase): string {
  return phase === 'judge' ? (JUDGE_ID.exec(customId)?.[2] ?? customId) : customId;
}

/**
 * `run --batch`: the calls the run owes go to the providers' batch APIs instead of one by one.
 * 1. Every trial is probed against the response cache: answered trials finish at once; the others'
 *    requests are streamed into chunk files per target (split at the providers' limits).
 * 2. Each chunk is submitted; its batch id is in state.jsonl before any waiting.
 * 3. Batches are polled, their counts shown; an ended batch's results are read line by line, each
 *    answer stored in the response cache and its trial finished (a result, at the batch price).
 *    A reply that needs the judge sends the judge's request in a second batch.
 * A restart reads state.jsonl: submitted batches are re-attached, never sent again.
 */
export async function runBatch(deps: BatchRunDeps): Promise<BatchRunOutcome> {
  mkdirSync(deps.dir, { recursive: true });
  const chunks = readBatchState(deps.dir);
  const log = openStateLog(deps.dir);
  const at = () => new Date().toISOString();
  const byId = new Map(deps.trials.map((t) => [t.trialId, t]));
  const inBatch: Record<BatchPhase, Set<string>> = { reply: new Set(), judge: new Set() };
  const waiting = new Set<string>();
  const targetOf = new Map<string, Target>(deps.trials.map((t) => [t.target.id, t.target]));
  if (deps.judge) targetOf.set(deps.judge.target.id, deps.judge.target);
  let unsent = 0;
  let failure: string | undefined;

  for (const chunk of chunks) {
    for await (const id of customIds(join(deps.dir, chunk.file))) {
      const trialId = trialOf(id, chunk.phase);
      inBatch[chunk.phase].add(trialId);
      if (!chunk.read) waiting.add(id);
    }
  }

  const writers = new Map<string, ReturnType<typeof createChunkWriter>>();
  const writerFor = (target: Target, phase: BatchPhase) => {
    const key = `${phase}\u0000${target.id}`;
    let writer = writers.get(key);
    if (writer === undefined) {
      const client = deps.clientFor(target);
      writer = createChunkWriter({
        dir: deps.dir,
        phase,
        target,
        client,
        limits: deps.limitsFor(client),
        nextKey: () => `${phase}-${String(chunks.length + 1).padStart(3, '0')}-${target.id.replace(/[^\w.-]+/g, '_')}`,
        onChunk: (c) => {
          chunks.push({ key: c.key, phase, target: target.id, file: c.file, requests: c.requests, cancelled: false, read: false });
          log.append({ kind: 'chunk', key: c.key, phase, target: target.id, file: c.file, requests: c.requests, at: at() });
        },
      });
      writers.set(key, writer);
    }
    return writer;
  };
  const closeWriters = () => {
    for (const w of writers.values()) w.close();
    writers.clear();
  };

  /** Queues a request for a batch, unless --cancel or the budget says no. */
  const send = async (trial: Trial, phase: BatchPhase, target: Target, call: MissingCall): Promise<void> => {
    if (deps.cancel || (deps.admit && !(await deps.admit(target, call.request)))) {
      unsent++;
      return;
    }
    const id = phase === 'judge' ? judgeId(trial.trialId, call.sample) : trial.trialId;
    await writerFor(target, phase).add(id, call.request);
    inBatch[phase].add(trial.trialId);
    waiting.add(id);
  };

  /** What the probe found missing goes out: the reply, or the judge's samples. */
  const sendMissing = async (trial: Trial, missing: readonly MissingCall[]): Promise<boolean> => {
    const reply = missing.find((m) => m.purpose === 'reply');
    if (reply) await send(trial, 'reply', trial.target, reply);
    else if (deps.judge) for (const call of missing) await send(trial, 'judge', deps.judge.target, call);
    return missing.length > 0;
  };
  const judgeSamplesWaiting = (trialId: string) => {
    for (let sample = 0; sample < (deps.judge?.config.repeat ?? 1); sample++) if (waiting.has(judgeId(trialId, sample))) return true;
    return false;
  };
  /** Per trial, the first judge sample that failed in its batch. */
  const judgeErrors = new Map<string, { status?: number; message: string }>();

  const finish = async (trial: Trial, how: Parameters<typeof finishTrial>[1]) => {
    byId.delete(trial.trialId);
    await deps.onResult(await finishTrial(trial, how, deps));
  };

  /** A reply's answer or error, as its batch returned it. */
  const onReply = async (trial: Trial, line: BatchLine) => {
    if (line.error) return finish(trial, { replyFromBatch: true, judgeFromBatch: false, replyError: line.error });
    if (!line.answer) return;
    storeAnswer(deps.cache, trial.target, { purpose: 'reply', request: buildReplyRequest(trial), sample: trial.repeat }, line.answer);
    // The reply is known now: the judge's samples, if it needs any, go out as the next batch.
    if (deps.judge && deps.judgeBatched && (await sendMissing(trial, await probeTrial(trial, deps)))) return;
    return finish(trial, { replyFromBatch: true, judgeFromBatch: inBatch.judge.has(trial.trialId) });
  };

  const onJudge = async (trial: Trial, line: BatchLine) => {
    const sample = Number(JUDGE_ID.exec(line.customId)?.[1] ?? 0);
    if (line.error && !judgeErrors.has(trial.trialId)) judgeErrors.set(trial.trialId, line.error);
    if (line.answer && deps.judge) {
      const call = (await probeTrial(trial, deps)).find((m) => m.purpose === 'judge' && (m.sample ?? 0) === sample);
      if (call) storeAnswer(deps.cache, deps.judge.target, call, line.answer);
    }
    if (judgeSamplesWaiting(trial.trialId)) return;
    const judgeError = judgeErrors.get(trial.trialId);
    judgeErrors.delete(trial.trialId);
    return finish(trial, { replyFromBatch: inBatch.reply.has(trial.trialId), judgeFromBatch: true, judgeError });
  };

  const readChunk = async (chunk: ChunkState, batchId: string, status: BatchStatus) => {
    const client = deps.clientFor(targetOf.get(chunk.target) ?? missingTarget(chunk.target));
    const seen = new Set<string>();
    const handle = async (line: BatchLine) => {
      seen.add(line.customId);
      waiting.delete(line.customId);
      const trial = byId.get(trialOf(line.customId, chunk.phase));
      // No trial: its result was written by an earlier invocation of this run.
      if (trial) await (chunk.phase === 'judge' ? onJudge(trial, line) : onReply(trial, line));
    };
    if (status.error === undefined) for await (const line of client.results(batchId)) await handle(line);
    // A request the provider returned nothing for (a failed batch) is an error too, not lost.
    const missing = status.error ?? `batch: no result for this request (the batch ended ${status.status})`;
    for await (const id of customIds(join(deps.dir, chunk.file))) if (!seen.has(id)) await handle({ customId: id, error: { message: missing } });
    chunk.read = true;
    log.append({ kind: 'read', key: chunk.key, status: status.status, at: at() });
  };

  const submit = async () => {
    for (const chunk of chunks) {
      if (chunk.batchId !== undefined || chunk.read || deps.cancel || deps.stop?.aborted) continue;
      const client = deps.clientFor(targetOf.get(chunk.target) ?? missingTarget(chunk.target));
      const file = { key: chunk.key, path: join(deps.dir, chunk.file), requests: chunk.requests };
      // A crash between create and recording its id: find that batch rather than pay twice.
      const found = chunk.submittingAt === undefined ? undefined : await client.find(file, chunk.submittingAt);
      if (found === undefined) {
        if (chunk.fileId === undefined) {
          const fileId = await retrying(`batch ${chunk.key}: upload`, () => client.upload(file));
          if (fileId !== undefined) {
            chunk.fileId = fileId;
            log.append({ kind: 'uploaded', key: chunk.key, fileId, at: at() });
          }
        }
        chunk.submittingAt = at();
        log.append({ kind: 'submitting', key: chunk.key, at: chunk.submittingAt });
      }
      const batchId = found ?? (await createOnce(client, file, chunk.fileId, chunk.submittingAt ?? at()));
      chunk.batchId = batchId;
      log.append({ kind: 'submitted', key: chunk.key, batchId, at: at() });
      deps.onProgress(`batch ${chunk.key}: ${found ? 're-attached to' : 'submitted'} ${batchId} (${chunk.requests} requests to ${chunk.target})`);
    }
  };

  try {
    for (const trial of deps.trials) {
      if (deps.stop?.aborted) break;
      const { trialId } = trial;
      if (waiting.has(trialId) || judgeSamplesWaiting(trialId)) continue;
      if (!(await sendMissing(trial, await probeTrial(trial, deps)))) await finish(trial, { replyFromBatch: inBatch.reply.has(trialId), judgeFromBatch: inBatch.judge.has(trialId) });
    }
    closeWriters();
    await submit();

    const shown = new Map<string, string>();
    const readFailures = new Map<string, number>();
    for (;;) {
      const active = chunks.filter((c) => c.batchId !== undefined && !c.read);
      if (active.length === 0 || deps.stop?.aborted) break;
      for (const chunk of active) {
        const batchId = chunk.batchId!;
        const client = deps.clientFor(targetOf.get(chunk.target) ?? missingTarget(chunk.target));
        if (deps.cancel && !chunk.cancelled) {
          await client.cancel(batchId);
          chunk.cancelled = true;
          log.append({ kind: 'cancelled', key: chunk.key, at: at() });
        }
        let status: BatchStatus;
        try {
          status = await client.poll(batchId);
        } catch (e) {
          deps.onProgress(`batch ${chunk.key} (${batchId}): cannot read its status (${describe(e)}); asking again`);
          continue;
        }
        const line = `batch ${chunk.key} (${batchId}, ${chunk.target}): ${status.status}${status.counts ? ` — ${status.counts}` : ''}`;
        if (shown.get(chunk.key) !== line) deps.onProgress(line);
        shown.set(chunk.key, line);
        if (status.ended) {
          try {
            await readChunk(chunk, batchId, status);
            readFailures.delete(chunk.key);
          } catch (e) {
            // The results stay at the provider: read again on the next round, unless it keeps failing.
            const failures = (readFailures.get(chunk.key) ?? 0) + 1;
            readFailures.set(chunk.key, failures);
            if (failures >= MAX_READ_FAILURES) throw new BatchControlError(`batch ${chunk.key} (${batchId}): cannot read its results (${describe(e)})`);
            deps.onProgress(`batch ${chunk.key} (${batchId}): reading its results failed (${describe(e)}); trying again`);
          }
        }
        if (deps.stop?.aborted) break;
      }
      // Replies just read may need the judge: their requests go out as the next batch.
      closeWriters();
      await submit();
      if (chunks.some((c) => c.batchId !== undefined && !c.read) && !deps.stop?.aborted) await deps.retry.sleep(deps.pollMs, deps.stop);
    }
  } catch (e) {
    if (!(e instanceof BatchControlError)) throw e;
    failure = e.message;
  } finally {
    closeWriters();
    log.close();
  }
  const running = chunks.filter((c) => c.batchId !== undefined && !c.read).map((c) => ({ batchId: c.batchId!, target: c.target }));
  return { interrupted: deps.stop?.aborted === true && (running.length > 0 || byId.size > 0), running, unsent, ...(failure === undefined ? {} : { failure }) };

  /** Creates the batch; after a failed attempt, looks for it first: the request may have got through. */
  async function createOnce(client: BatchClient, file: { key: string; path: string; requests: number }, fileId: string | undefined, submittingAt: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.create(file, fileId);
      } catch (e) {
        const found = await client.find(file, submittingAt).catch(() => undefined);
        if (found !== undefined) return found;
        if (!isRetryable(e) || attempt >= CONTROL_ATTEMPTS) throw new BatchControlError(`batch ${file.key}: the provider did not take it (${describe(e)})`);
        await deps.retry.sleep(1000 * 2 ** attempt, deps.stop);
      }
    }
  }

  async function retrying<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        if (!isRetryable(e) || attempt >= CONTROL_ATTEMPTS) throw new BatchControlError(`${what} failed (${describe(e)})`);
        await deps.retry.sleep(1000 * 2 ** attempt, deps.stop);
      }
    }
  }
}

/** A control call (upload, create, read) the provider keeps refusing: the run stops, resumable. */
class BatchControlError extends Error {}

const CONTROL_ATTEMPTS = 3;
const MAX_READ_FAILURES = 5;

function isRetryable(e: unknown): boolean {
  const status = e && typeof e === 'object' && 'status' in e && typeof e.status === 'number' ? e.status : undefined;
  return isRetryableStatus(status);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The custom ids of a chunk file, read as a stream: the lines start with them (see formatLine). */
async function* customIds(path: string): AsyncGenerator<string> {
  if (!existsSync(path)) return;
  for await (const line of fileLines(path)) {
    const id = CUSTOM_ID.exec(line)?.[1];
    if (id !== undefined) yield id;
  }
}

function missingTarget(id: string): never {
  throw new Error(`batch: target ${id} of a stored batch is not in this run's plan`);
}
