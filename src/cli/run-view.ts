import { join } from 'node:path';
import { buildSummary, toAggregateRow, type AggregateRow, type Summary } from '../aggregate/index.ts';
import { readResults, type ReadTally, type TrialResult } from '../results/index.ts';
import { buildViewModel } from '../view/model/build-view-model.ts';
import { createViewCollector, type ViewCollector } from '../view/model/view-collector.ts';
import type { ViewModel } from '../view/model/view-types.ts';
import { readPairwiseSummaries } from './read-pairwise-file.ts';
import { readPreviousSummary } from './previous-summary.ts';
import { readRunMeta, scopeOf } from './read-run-folder.ts';
import type { RunMeta } from './run-meta.ts';
import { promptsOfRunFolder } from './run-prompts.ts';

export interface StoredRun {
  meta: RunMeta;
  results: TrialResult[];
  tally: ReadTally;
  summary: Summary;
  /** The earlier summary.json held a gate verdict this tool did not write: the rebuilt summary has none. */
  droppedGate: boolean;
}

/** Summarizes a run folder again, as `report` does, from its rows and what only the run knew. */
export async function summarizeStoredRun(dir: string, meta: RunMeta, rows: readonly AggregateRow[], tally: ReadTally): Promise<{ summary: Summary; droppedGate: boolean }> {
  const previous = await readPreviousSummary(dir);
  const summary = buildSummary(rows, {
    runId: meta.runId,
    startedAt: meta.startedAt,
    finishedAt: previous.finishedAt ?? meta.startedAt,
    complete: tally.results >= meta.plannedCalls,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
    minEffect: previous.minEffect,
    judge: meta.judge,
  });
  const pairwise = await readPairwiseSummaries(dir, meta.targets.map((t) => t.id));
  if (pairwise) summary.pairwise = pairwise;
  // The gate judged the run against a baseline that may be gone: its verdict is kept, not redone.
  if (previous.gate) summary.gate = previous.gate;
  if (previous.rubricCalibration) summary.rubricCalibration = previous.rubricCalibration;
  return { summary, droppedGate: previous.droppedGate };
}

/**
 * A run folder read whole for the viewer, which serves any of its calls on request: the newest
 * line per trial of this run, streamed in, lines of other runs left out.
 */
export async function readStoredRun(dir: string): Promise<StoredRun> {
  const meta = await readRunMeta(dir, join(dir, 'run.json'));
  const results: TrialResult[] = [];
  const tally = await readResults(join(dir, 'results.jsonl'), scopeOf(meta), (result) => results.push(result));
  const { summary, droppedGate } = await summarizeStoredRun(dir, meta, results.map(toAggregateRow), tally);
  return { meta, results, tally, summary, droppedGate };
}

/** The view model of a stored run: its summary, every call, and the messages when they still render exactly. */
export async function viewOfStoredRun(dir: string, run: StoredRun): Promise<ViewModel> {
  const collector = createViewCollector();
  for (const result of run.results) collector.add(result);
  return viewOfCollected(dir, run.meta, run.summary, collector, run.results.map((r) => r.trialId));
}

/** The view model from what a streaming reader collected, with the messages of the trials it saw. */
export async function viewOfCollected(dir: string, meta: RunMeta, summary: Summary, collector: ViewCollector, trialIds: readonly string[]): Promise<ViewModel> {
  const prompts = await promptsOfRunFolder(dir, meta, trialIds);
  return buildViewModel(summary, collector.collected(), { plannedCalls: meta.plannedCalls, repeat: meta.repeat }, prompts);
}
