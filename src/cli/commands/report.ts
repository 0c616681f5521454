import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildSummary, toAggregateRow, type GateVerdict } from '../../aggregate/index.ts';
import { UserError } from '../../errors.ts';
import { selectFailingCases } from '../../report/index.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import { readPairwiseSummaries } from '../read-pairwise-file.ts';
import { describeSkippedLines, readRunFolder } from '../read-run-folder.ts';
import { writeReports } from '../write-reports.ts';

/** Rebuilds summary.json and report.md from results.jsonl, e.g. after a crash or a report change. */
export async function reportCommand(runDir: string, io: CliIO): Promise<number> {
  const dir = resolve(io.cwd, runDir);
  if (!existsSync(join(dir, 'results.jsonl'))) throw new UserError('NOT_A_RUN', `${runDir}: no results.jsonl there`);
  const { meta, results, skippedLines } = await readRunFolder(dir, readFile);
  io.stderr(describeSkippedLines(runDir, skippedLines));
  const failing = selectFailingCases(results);
  const previous = await readPreviousSummary(dir);
  const summary = buildSummary(results.map(toAggregateRow), {
    runId: meta.runId,
    startedAt: meta.startedAt,
    finishedAt: previous.finishedAt ?? meta.startedAt,
    complete: results.length >= meta.plannedCalls,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
    judge: meta.judge,
  });
  const pairwise = await readPairwiseSummaries(dir, meta.targets.map((t) => t.id));
  if (pairwise) summary.pairwise = pairwise;
  // The gate judged the run against a baseline that may be gone: its verdict is kept, not redone.
  if (previous.gate) summary.gate = previous.gate;
  await writeReports({ outDir: dir, summary, failing, io, quiet: false, json: false, color: useColor(io) });
  return EXIT.ok;
}

/** What only the run itself knew: when it finished, and the gate's verdict. */
async function readPreviousSummary(dir: string): Promise<{ finishedAt?: string; gate?: GateVerdict }> {
  try {
    const old = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { finishedAt?: unknown; gate?: unknown };
    const gate = old.gate && typeof old.gate === 'object' && typeof (old.gate as { passed?: unknown }).passed === 'boolean' ? (old.gate as GateVerdict) : undefined;
    return { ...(typeof old.finishedAt === 'string' ? { finishedAt: old.finishedAt } : {}), ...(gate ? { gate } : {}) };
  } catch {
    return {};
  }
}
