import { flattenText } from '../report/escape-markdown.ts';
import type { Agreement } from './agreement.ts';
import type { Calibration } from './build-calibration.ts';

export interface CalibrationHeader {
  grader: string;
  labeledFiles: string[];
  variant: string | undefined;
}

/** The calibration as plain text for the terminal. Pure: the command prints it. */
export function renderCalibration(c: Calibration, header: CalibrationHeader, opts: { showAll?: boolean } = {}): string {
  const lines = [
    `${header.grader} against human verdicts on ${header.labeledFiles.join(', ')} (${c.all.n} labeled replies)` +
      (header.variant === undefined ? '' : `, with the expectations of variant ${flattenText(header.variant)}`),
    '',
    table(
      ['', 'n', 'agreement', '95% CI', 'κ'],
      [
        row('fault shown by the reply, or good', c.shown),
        row('fault only in the meaning', c.meaning),
        row('all', c.all),
      ],
      ['left', 'right', 'right', 'right', 'right'],
    ),
    ...([c.shown, c.meaning, c.all].some((a) => a.n > 0 && a.kappa === null) ? ['  κ —: one side gave a single verdict to every reply of the row, so κ would be 0 whatever the agreement'] : []),
    '',
    'verdicts (all)          grader pass  grader fail',
    `  human pass            ${pad(c.all.confusion.humanPassMachinePass, 11)}  ${pad(c.all.confusion.humanPassMachineFail, 11)}`,
    `  human fail            ${pad(c.all.confusion.humanFailMachinePass, 11)}  ${pad(c.all.confusion.humanFailMachineFail, 11)}`,
    '',
    'per failure mode',
    table(
      ['mode', 'shown by', 'n', 'agreement'],
      c.perMode.map((m) => [m.mode, m.shownBy, String(m.n), formatPercent(m.n === 0 ? null : m.agreed / m.n)]),
      ['left', 'left', 'right', 'right'],
    ),
  ];
  if (c.disagreements.length > 0) {
    const limit = opts.showAll === true ? c.disagreements.length : 20;
    lines.push('', `disagreements (${shownCount(limit, c.disagreements.length)})`);
    for (const d of c.disagreements.slice(0, limit)) {
      lines.push(`  ${flattenText(d.id)} [${d.mode}] human ${d.human}, grader ${d.grader}: ${flattenText(d.why).slice(0, 160)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One decimal: agreement is read against thresholds such as 95%, and 94.6% is not 95%. */
export function formatAgreement(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

function formatPercent(share: number | null): string {
  return formatAgreement(share);
}

function shownCount(limit: number, total: number): string {
  return limit >= total ? `${total}` : `${limit} of ${total} shown; --all for every one`;
}

function row(label: string, a: Agreement): string[] {
  const ci = a.accuracyCi95 === null ? '—' : `${formatPercent(a.accuracyCi95[0])}–${formatPercent(a.accuracyCi95[1])}`;
  return [label, String(a.n), formatPercent(a.accuracy), ci, a.kappa === null ? '—' : a.kappa.toFixed(2)];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}

function table(headers: string[], rows: string[][], align: ('left' | 'right')[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}
