import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Where a run's batches live: chunk files and `state.jsonl`, inside the run folder. */
export function batchDir(outDir: string): string {
  return join(outDir, 'batches');
}

export type BatchPhase = 'reply' | 'judge';

/**
 * One event of a run's batches, appended as it happens. A batch id is written the moment the
 * provider returns it, before any waiting, so `--resume` re-attaches instead of submitting again;
 * `submitting` marks the window in which a crash leaves a batch whose id only `find` can recover.
 */
export type StateRecord =
  | { kind: 'chunk'; key: string; phase: BatchPhase; target: string; file: string; requests: number; at: string }
  | { kind: 'uploaded'; key: string; fileId: string; at: string }
  | { kind: 'submitting'; key: string; at: string }
  | { kind: 'submitted'; key: string; batchId: string; at: string }
  | { kind: 'cancelled'; key: string; at: string }
  | { kind: 'read'; key: string; status: string; at: string };

export interface ChunkState {
  key: string;
  phase: BatchPhase;
  target: string;
  /** File name inside the batch folder. */
  file: string;
  requests: number;
  fileId?: string;
  submittingAt?: string;
  batchId?: string;
  cancelled: boolean;
  /** Every line of its results was turned into a result. */
  read: boolean;
}

/** The chunks of a run, in the order they were written; empty for a run with no batch yet. */
export function readBatchState(dir: string): ChunkState[] {
  const path = join(dir, 'state.jsonl');
  if (!existsSync(path)) return [];
  const chunks = new Map<string, ChunkState>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    let record: StateRecord;
    try {
      record = JSON.parse(line) as StateRecord;
    } catch {
      continue; // a line torn by a kill: the event it meant did not finish
    }
    if (record.kind === 'chunk') {
      chunks.set(record.key, { key: record.key, phase: record.phase, target: record.target, file: record.file, requests: record.requests, cancelled: false, read: false });
      continue;
    }
    const chunk = chunks.get(record.key);
    if (!chunk) continue;
    if (record.kind === 'uploaded') chunk.fileId = record.fileId;
    else if (record.kind === 'submitting') chunk.submittingAt = record.at;
    else if (record.kind === 'submitted') chunk.batchId = record.batchId;
    else if (record.kind === 'cancelled') chunk.cancelled = true;
    else chunk.read = true;
  }
  return [...chunks.values()];
}

/** Appends events: one write(2) of a whole line each, on disk before the next step starts. */
export function openStateLog(dir: string): { append(record: StateRecord): void; close(): void } {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, 'state.jsonl'), 'a');
  return {
    append(record) {
      const line = Buffer.from(`${JSON.stringify(record)}\n`);
      let written = 0;
      while (written < line.length) written += writeSync(fd, line, written);
    },
    close: () => closeSync(fd),
  };
}
