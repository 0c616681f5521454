import { flattenText } from '../report/escape-markdown.ts';
import { formatCount } from '../report/format-numbers.ts';
import type { JudgeExtras, PairAgreement } from './judge-agreement.ts';
import { formatAgreement } from './render-calibration.ts';

/** Ids listed at most. */
const MAX_LISTED = 12;

/** The judge's calibration header: who, with which rubric, and what was not sent to it or failed. Pure. */
export function renderJudgeHeader(head: { judge: string; rubricId: string; rubricFile: string; samples: string }, extras: JudgeExtras | null): string {
  const lines = [`calibrate --judge · judge ${flattenText(head.judge)} · rubric ${flattenText(head.rubricId)} (${flattenText(head.rubricFile)}) · ${head.samples}`];
  if (extras !== null) {
    const skipped = extras.skipped.noReply + extras.skipped.otherType;
    if (skipped > 0) lines.push(`Not sent to the judge, as in a run: ${skipped} of ${extras.total} labeled replies (${extras.skipped.noReply} with no parseable reply, ${extras.skipped.otherType} of a type the case does not accept).`);
    if (extras.errors.length > 0) lines.push(`Judge errors, left out of every figure: ${formatCount(extras.errors.length, 'reply')} (${listIds(extras.errors)}).`);
    lines.push(`Spearman ρ of the judge's score against the person's: ${extras.spearman.rho === null ? '—' : extras.spearman.rho.toFixed(3)} (n = ${extras.spearman.n}).`);
  }
  return `${lines.join('\n')}\n`;
}

/** The judge against people's preferences on labeled pairs. Pure. */
export function renderPairAgreement(p: PairAgreement, files: readonly string[]): string {
  const lines = [
    `Labeled pairs (${files.join(', ')}): ${p.total}; ${p.judged} judged in both orders${p.errors.length > 0 ? `, ${formatCount(p.errors.length, 'judge error')} left out (${listIds(p.errors)})` : ''}.`,
    `  agreement with the person's preference ${formatAgreement(p.agreement)} (${p.agreed}/${p.judged}) · where the person preferred one (${p.decisive.n}): the judge chose it ${p.decisive.same}, tied ${p.decisive.tie}, chose the other ${p.decisive.opposite} · orders disagreed on ${p.orderDisagreements}`,
  ];
  if (p.misses.length > 0) lines.push(`  misses: ${p.misses.slice(0, MAX_LISTED).map((m) => `${flattenText(m.id)} (person ${m.prefer}, judge ${m.judge})`).join(', ')}${p.misses.length > MAX_LISTED ? ', …' : ''}`);
  return `${lines.join('\n')}\n`;
}

function listIds(ids: readonly string[]): string {
  return ids.slice(0, MAX_LISTED).map(flattenText).join(', ') + (ids.length > MAX_LISTED ? ', …' : '');
}
