import { toAggregateRow, type AggregateRow } from '../../aggregate/index.ts';
import { createFailingCollector } from '../../report/index.ts';
import { createViewCollector } from '../../view/model/view-collector.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import { openRunFolder, readRunResults } from '../read-run-folder.ts';
import { summarizeStoredRun, viewOfCollected } from '../run-view.ts';
import { writeOrExplain } from '../write-or-explain.ts';
import { writeReports } from '../write-reports.ts';

export interface ReportFlags {
  /** Every failing case in report.md, none cut. */
  all?: boolean;
}

/** Rebuilds summary.json, report.md and report.html from results.jsonl, e.g. after a crash or a report change. */
export async function reportCommand(runDir: string, flags: ReportFlags, io: CliIO): Promise<number> {
  const folder = await openRunFolder(runDir, '', io, 'no results.jsonl there');
  const all = flags.all === true;
  const rows: AggregateRow[] = [];
  const failing = createFailingCollector(all ? Infinity : undefined, { providerErrors: false });
  const view = createViewCollector();
  const trialIds: string[] = [];
  // Streamed: only what aggregation, the failing cases and the view keep (the view holds texts up to its budget).
  const tally = await readRunResults(folder, io, (result) => {
    rows.push(toAggregateRow(result));
    failing.add(result);
    view.add(result);
    trialIds.push(result.trialId);
  });
  const { summary, droppedGate } = await summarizeStoredRun(folder.dir, folder.meta, rows, tally);
  if (droppedGate) io.stderr(`${runDir}/summary.json: its gate verdict is not one this tool wrote; the rebuilt summary has none\n`);
  const model = await viewOfCollected(folder.dir, folder.meta, summary, view, trialIds);
  await writeOrExplain(runDir, () =>
    writeReports({ outDir: folder.dir, summary, view: model, failing: failing.list(), all, io, quiet: false, json: false, color: useColor(io) }),
    'cannot write the rebuilt summary.json, report.md and report.html',
  );
  return EXIT.ok;
}
