import { buildSummary, toAggregateRow, type AggregateRow } from '../../aggregate/index.ts';
import { createFailingCollector } from '../../report/index.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import { readPreviousSummary } from '../previous-summary.ts';
import { openRunFolder, readRunResults } from '../read-run-folder.ts';
import { writeOrExplain } from '../write-or-explain.ts';
import { writeReports } from '../write-reports.ts';

/** Rebuilds summary.json and report.md from results.jsonl, e.g. after a crash or a report change. */
export async function reportCommand(runDir: string, io: CliIO): Promise<number> {
  const folder = await openRunFolder(runDir, '', io, 'no results.jsonl there');
  const { meta } = folder;
  const rows: AggregateRow[] = [];
  const failing = createFailingCollector();
  // Streamed: only the rows aggregation needs and the failing-cases table are kept.
  const tally = await readRunResults(folder, io, (result) => {
    rows.push(toAggregateRow(result));
    failing.add(result);
  });
  const previous = await readPreviousSummary(folder.dir);
  if (previous.droppedGate) io.stderr(`${runDir}/summary.json: its gate verdict is not one this tool wrote; the rebuilt summary has none\n`);
  const summary = buildSummary(rows, {
    runId: meta.runId,
    startedAt: meta.startedAt,
    finishedAt: previous.finishedAt ?? meta.startedAt,
    complete: tally.results >= meta.plannedCalls,
    passThreshold: meta.passThreshold,
    variantOrder: meta.variants,
    targetOrder: meta.targets.map((t) => t.id),
    minEffect: previous.minEffect,
  });
  // The gate judged the run against a baseline that may be gone: its verdict is kept, not redone.
  if (previous.gate) summary.gate = previous.gate;
  await writeOrExplain(runDir, () => writeReports({ outDir: folder.dir, summary, failing: failing.list(), io, quiet: false, json: false, color: useColor(io) }), 'cannot write the rebuilt summary.json and report.md');
  return EXIT.ok;
}
