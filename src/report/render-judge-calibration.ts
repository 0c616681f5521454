import type { JudgeAgreement, PairAgreement } from '../calibrate/judge-agreement.ts';
import { FAILURE_MODES } from '../calibrate/labeled-schema.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { flattenText } from './escape-markdown.ts';
import { formatCount, formatPercent, MISSING } from './format-numbers.ts';

export interface CalibrationHeader {
  judge: string;
  rubricId: string;
  rubricFile: string;
  samples: string;
  labeledFiles: number;
  pairFiles: number;
}

/** Disagreements listed at most, so a long set still reads in one screen. */
const MAX_LISTED = 12;

/**
 * What `calibrate --judge` prints: the judge's agreement with people on the labeled replies
 * (accuracy, Cohen's κ, Spearman's ρ, the verdict confusion, agreement per failure mode) and on
 * the labeled pairs. Pure: the command prints it.
 */
export function renderJudgeCalibration(head: CalibrationHeader, replies: JudgeAgreement | null, pairs: PairAgreement | null): string {
  const lines = [`calibrate --judge · judge ${flattenText(head.judge)} · rubric ${flattenText(head.rubricId)} (${flattenText(head.rubricFile)}) · ${head.samples}`];
  if (replies) lines.push('', ...renderReplies(replies, head.labeledFiles));
  if (pairs) lines.push('', ...renderPairs(pairs, head.pairFiles));
  return `${lines.join('\n')}\n`;
}

function renderReplies(a: JudgeAgreement, files: number): string[] {
  const skipped = a.skipped.noReply + a.skipped.otherType;
  const lines = [
    `Labeled replies: ${a.total} in ${formatCount(files, 'file')}; ${a.judged} judged` +
      (skipped > 0 ? `, ${skipped} not sent to the judge as in a run (${a.skipped.noReply} with no parseable reply, ${a.skipped.otherType} of a type the case does not accept)` : '') +
      (a.errors.length > 0 ? `, ${formatCount(a.errors.length, 'judge error')} left out (${a.errors.slice(0, 5).join(', ')}${a.errors.length > 5 ? ', …' : ''})` : '') +
      '.',
    `  accuracy ${formatShare(a.accuracy, a.confusion.passPass + a.confusion.failFail, a.judged)} · Cohen's κ ${formatRatio(a.kappa)} · Spearman ρ ${formatRatio(a.spearman.rho)} (n = ${a.spearman.n} with a human score)`,
    `  on faults only the meaning shows: ${formatPercent(a.meaningOnly.agreement)} agreement (n = ${a.meaningOnly.n})`,
    '',
    ...table(
      ['', 'human pass', 'human fail'],
      [
        ['judge pass', String(a.confusion.passPass), String(a.confusion.passFail)],
        ['judge fail', String(a.confusion.failPass), String(a.confusion.failFail)],
      ],
      ['left', 'right', 'right'],
    ),
    '',
    ...table(
      ['mode', 'n', 'agree', 'what it is'],
      a.byMode.map((m) => [m.mode, String(m.n), formatPercent(m.agreement), FAILURE_MODES[m.mode]]),
      ['left', 'right', 'right', 'left'],
    ),
  ];
  if (a.disagreements.length > 0) {
    const listed = a.disagreements.slice(0, MAX_LISTED).map((d) => `${d.id} (${d.mode}: human ${d.human}, judge ${d.judge})`);
    lines.push('', `Disagreements: ${listed.join(', ')}${a.disagreements.length > MAX_LISTED ? `, and ${a.disagreements.length - MAX_LISTED} more` : ''}.`);
  }
  return lines;
}

function renderPairs(p: PairAgreement, files: number): string[] {
  const lines = [
    `Labeled pairs: ${p.total} in ${formatCount(files, 'file')}; ${p.judged} judged in both orders${p.errors.length > 0 ? `, ${formatCount(p.errors.length, 'judge error')} left out` : ''}.`,
    `  agreement with the human preference ${formatShare(p.agreement, p.agreed, p.judged)} · where the human preferred one (${p.decisive.n}): judge chose it ${p.decisive.same}, tied ${p.decisive.tie}, chose the other ${p.decisive.opposite} · orders disagreed on ${p.orderDisagreements}`,
  ];
  if (p.misses.length > 0) lines.push(`  Misses: ${p.misses.slice(0, MAX_LISTED).map((m) => `${m.id} (human ${m.prefer}, judge ${m.judge})`).join(', ')}${p.misses.length > MAX_LISTED ? ', …' : ''}.`);
  return lines;
}

function table(headers: string[], rows: string[][], align: ('left' | 'right')[]): string[] {
  const widths = headers.map((_, i) => Math.max(...[headers, ...rows].map((r) => displayWidth(r[i] ?? ''))));
  const line = (row: string[]) => `  ${row.map((cell, i) => padToWidth(cell, widths[i] ?? 0, align[i] ?? 'left')).join('  ').trimEnd()}`;
  return [line(headers), ...rows.map(line)];
}

function formatShare(share: number | null, k: number, n: number): string {
  return share === null ? MISSING : `${(share * 100).toFixed(1)}% (${k}/${n})`;
}

function formatRatio(x: number | null): string {
  return x === null ? MISSING : x.toFixed(3);
}
