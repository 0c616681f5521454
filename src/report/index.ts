export { escapeCell, escapeInline } from './escape-markdown.ts';
export { displayWidth } from './display-width.ts';
export { describeComparison, judgeComparison } from './describe-comparison.ts';
export { renderReportMd, SIMULATED_BANNER, type ReportDetails } from './render-report-md.ts';
export { selectFailingCases, type FailingCase } from './select-failing-cases.ts';
export { renderTerminalSummary, REPORT_FILES, type TerminalOptions } from './render-terminal.ts';
