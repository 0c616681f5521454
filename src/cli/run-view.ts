import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSummary, toAggregateRow, type GateVerdict, type Summary } from '../aggregate/index.ts';
import type { TrialResult } from '../run/result.ts';
import { buildViewModel } from '../view/model/build-view-model.ts';
import { createViewCollector } from '../view/model/view-collector.ts';
import type { ViewModel } from '../view/model/view-types.ts';
import { readRunFolder } from './read-run-folder.ts';
import type { RunMeta } from './run-meta.ts';
import { promptsOfRunFolder } from './run-prompts.ts';

export interface StoredRun {
  meta: RunMeta;
  results: TrialResult[];
  skippedLines: number[];
  summary: Summary;
}

/**
 * A run folder summarized again from its results.jsonl (as `report` does); what only the run
 * knew — when it finished and the gate's verdict — comes from its summary.json when there is one.
 */
export async function readStoredRun(dir: string): Promise<StoredRun> {
  const { meta, results, skippedLines } = await readRunFolder(dir, readFile);
  const previous = await readPreviousSummary(dir);
  const summary = buildSummary(results.map(toAggregateRow), {
    runId: meta.runId,
    startedAt: meta.startedAt,
    finishedAt: previous.finishedAt ?? meta.startedAt,
    complete: results.length >= meta.plannedCalls,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
  });
  // The gate judged the run against a baseline that may be gone: its verdict is kept, not redone.
  if (previous.gate) summary.gate = previous.gate;
  return { meta, results, skippedLines, summary };
}

/** The view model of a stored run: its summary, every call, and the messages when they still render exactly. */
export async function viewOfStoredRun(dir: string, run: StoredRun): Promise<ViewModel> {
  const collector = createViewCollector();
  for (const result of run.results) collector.add(result);
  const prompts = await promptsOfRunFolder(dir, run.meta, run.results);
  return buildViewModel(run.summary, collector.collected(), { plannedCalls: run.meta.plannedCalls, repeat: run.meta.repeat }, prompts);
}

async function readPreviousSummary(dir: string): Promise<{ finishedAt?: string; gate?: GateVerdict }> {
  try {
    const old = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { finishedAt?: unknown; gate?: unknown };
    const gate = old.gate && typeof old.gate === 'object' && typeof (old.gate as { passed?: unknown }).passed === 'boolean' ? (old.gate as GateVerdict) : undefined;
    return { ...(typeof old.finishedAt === 'string' ? { finishedAt: old.finishedAt } : {}), ...(gate ? { gate } : {}) };
  } catch {
    return {};
  }
}
