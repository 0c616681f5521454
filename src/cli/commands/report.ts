import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../errors.ts';
import { selectFailingCases } from '../../report/index.ts';
import { useColor, type CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import { describeSkippedLines } from '../read-run-folder.ts';
import { readStoredRun, viewOfStoredRun } from '../run-view.ts';
import { writeReports } from '../write-reports.ts';

export interface ReportFlags {
  /** Every failing case in report.md, none cut. */
  all?: boolean;
}

/** Rebuilds summary.json, report.md and report.html from results.jsonl, e.g. after a crash or a report change. */
export async function reportCommand(runDir: string, flags: ReportFlags, io: CliIO): Promise<number> {
  const dir = resolve(io.cwd, runDir);
  if (!existsSync(join(dir, 'results.jsonl'))) throw new UserError('NOT_A_RUN', `${runDir}: no results.jsonl there`);
  const run = await readStoredRun(dir);
  io.stderr(describeSkippedLines(runDir, run.skippedLines));
  const all = flags.all === true;
  const failing = selectFailingCases(run.results, all ? Infinity : undefined);
  const view = await viewOfStoredRun(dir, run);
  await writeReports({ outDir: dir, summary: run.summary, view, failing, all, io, quiet: false, json: false, color: useColor(io) });
  return EXIT.ok;
}
