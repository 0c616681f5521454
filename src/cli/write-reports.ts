import { appendFile, open, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Summary } from '../aggregate/index.ts';
import { errnoText } from '../config/read-yaml-file.ts';
import { renderReportMd, renderStepSummary, renderTerminalSummary, type FailingCase } from '../report/index.ts';
import { loadPageBundle } from '../view/html/page-bundle.ts';
import { renderReportHtmlParts } from '../view/html/render-report-html.ts';
import type { ViewModel } from '../view/model/view-types.ts';
import type { CliIO } from './cli-io.ts';

/** summary.json, report.md and report.html into the run folder, the scorecard to CI and the terminal. */
export async function writeReports(input: {
  outDir: string;
  summary: Summary;
  view: ViewModel;
  failing: FailingCase[];
  /** report.md lists every failing case (`--all`). */
  all: boolean;
  io: CliIO;
  quiet: boolean;
  json: boolean;
  color: boolean;
}): Promise<void> {
  const { outDir, summary, view, io } = input;
  const report = renderReportMd(summary, { failing: input.failing, view, all: input.all });
  const html = renderReportHtmlParts(view, await loadPageBundle());
  await writeFile(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(outDir, 'report.md'), report);
  await writeParts(join(outDir, 'report.html'), html);
  const stepSummary = io.env['GITHUB_STEP_SUMMARY'];
  if (stepSummary) {
    // CI's job summary is a courtesy: failing to write it must not fail a finished run.
    await appendFile(stepSummary, `${renderStepSummary(summary, view)}\n`).catch((e: unknown) => io.stderr(`GITHUB_STEP_SUMMARY: cannot append the scorecard (${errnoText(e)})\n`));
  }
  if (input.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else if (!input.quiet) io.stdout(renderTerminalSummary(summary, { color: input.color, outDir: relative(io.cwd, outDir) || '.', view }));
}

/** Writes the pieces one after another, never joined into one more copy of a large file. */
async function writeParts(path: string, parts: readonly string[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (const part of parts) await file.write(part);
  } finally {
    await file.close();
  }
}
