import { open } from 'node:fs/promises';
import { readLineAt, readLines } from './read-lines.ts';
import { parseResultLine } from './result-line-schema.ts';
import type { TrialResult } from './trial-result.ts';

/** What belongs to a run, from its run.json (and, when resuming, the rebuilt plan's trial ids). */
export interface RunScope {
  runId: string;
  variants: readonly string[];
  targets: readonly string[];
  /** When known: only these trials belong. */
  trialIds?: ReadonlySet<string> | undefined;
}

export interface ReadTally {
  /** Results handed over: one per trial, its newest line. */
  results: number;
  /** Lines that are not a result this tool could have written (torn, hand-edited, forged). */
  unreadable: number;
  /** The first few unreadable line numbers, for the message. */
  unreadableLines: number[];
  /** Results of another run, variant, target or trial: ignored. */
  foreign: number;
  /** Older lines of a trial written again (`--retry-errors`): the newest line counts. */
  superseded: number;
}

const LINES_NAMED = 5;

/**
 * Streams a results.jsonl and hands `onResult` the newest valid line of every trial of the run, in
 * file order. Every line is validated with the writer's schema; one that fails is counted, never
 * thrown. Two passes keep memory flat however large the file: the first streams it and finds each
 * trial's newest line (a map of trial id → where the line is), the second reads and parses only
 * those lines again, at their offsets.
 */
export async function readResults(path: string, scope: RunScope, onResult: (result: TrialResult) => void): Promise<ReadTally> {
  const tally: ReadTally = { results: 0, unreadable: 0, unreadableLines: [], foreign: 0, superseded: 0 };
  const newest = new Map<string, { lineNo: number; offset: number; bytes: number }>();
  const belongs = belongsTo(scope);
  for await (const { lineNo, offset, bytes, text } of readLines(path)) {
    if (text !== undefined && text.trim() === '') continue;
    const parsed = text === undefined ? undefined : parseResultLine(text);
    if (parsed === undefined || !parsed.ok) {
      tally.unreadable++;
      if (tally.unreadableLines.length < LINES_NAMED) tally.unreadableLines.push(lineNo);
    } else if (!belongs(parsed.result)) {
      tally.foreign++;
    } else {
      if (newest.has(parsed.result.trialId)) tally.superseded++;
      newest.set(parsed.result.trialId, { lineNo, offset, bytes });
    }
  }
  const chosen = [...newest.values()].sort((a, b) => a.offset - b.offset);
  const handle = await open(path, 'r');
  try {
    for (const line of chosen) {
      const parsed = parseResultLine(await readLineAt(handle, line.offset, line.bytes));
      // The file changed between the passes (another process rewrote it): such a line is left out.
      if (!parsed.ok || newest.get(parsed.result.trialId)?.lineNo !== line.lineNo) continue;
      tally.results++;
      onResult(parsed.result);
    }
  } finally {
    await handle.close();
  }
  return tally;
}

function belongsTo(scope: RunScope): (result: TrialResult) => boolean {
  const variants = new Set(scope.variants);
  const targets = new Set(scope.targets);
  return (r) => r.runId === scope.runId && variants.has(r.variant) && targets.has(r.target) && (scope.trialIds === undefined || scope.trialIds.has(r.trialId));
}
