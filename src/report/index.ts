// What the CLI uses to write report.md and the terminal summary. The formatting pieces (escaping,
// display width, number formats) live in their own files; import those directly.
export { renderReportMd, type ReportDetails } from './render-report-md.ts';
export { renderStepSummary } from './render-step-summary.ts';
export { renderTerminalSummary, type TerminalOptions } from './render-terminal.ts';
export {
  createFailingCollector,
  selectFailingCases,
  type FailingCase,
  type FailingCollector,
} from './failing-collector.ts';
