import type { JudgeSummary, PairwiseSummary } from '../aggregate/summary-types.ts';
import { formatCount, formatP, formatPercent, formatPercentCi } from './format-numbers.ts';

export type Name = (id: string) => string;
const plain: Name = (id) => id;

/**
 * How far to trust the judge, in one sentence: its last calibration against people (date, the
 * figures, and whether the rubric changed since), or that it was never calibrated. Ids go
 * through `name` (a code span in markdown); the rest is fixed text.
 */
export function describeCalibration(judge: Pick<JudgeSummary, 'calibration' | 'target'>, name: Name = plain): string {
  const c = judge.calibration;
  if (c === null) return `never calibrated — how often this judge agrees with people is unknown (run ${name('subtodo-eval calibrate --judge')})`;
  const parts: string[] = [];
  if (c.labeled) parts.push(`accuracy ${formatPercent(c.labeled.accuracy)}, Cohen's κ ${formatRatio(c.labeled.kappa)} on ${c.labeled.n} human-graded ${c.labeled.n === 1 ? 'reply' : 'replies'}${c.labeled.spearman === null ? '' : `, Spearman ρ ${formatRatio(c.labeled.spearman)}`}`);
  if (c.pairs) parts.push(`${formatPercent(c.pairs.agreement)} agreement on ${formatCount(c.pairs.n, 'labeled pair')}`);
  const stale = c.current ? '' : ' — with another version of the rubric, so it may no longer hold';
  return `${c.date.slice(0, 10)} (${name(c.model)}): ${parts.join('; ') || 'no figures'}${stale}`;
}

/** `3 of 40 verdicts failed`: these cases are not scored. */
export function describeJudgeErrors(judge: Pick<JudgeSummary, 'asked' | 'errors'>): string {
  return `${judge.errors} of ${formatCount(judge.asked, 'judge verdict')} failed: those cases are not scored (counted apart, never as 0 or a pass)`;
}

/**
 * The head-to-head verdict in words: `a beats b on t` when the sign test says so, else that
 * there is no significant difference; then the counts, the win rate with its interval, and the p.
 */
export function describePairwise(p: PairwiseSummary, name: Name = plain): string {
  const counts = `${p.wins} wins, ${p.ties} ties, ${p.losses} losses over ${formatCount(p.n, 'case')}`;
  const rate = p.winRate === null ? 'no decisive case' : `win rate ${formatPercentCi(p.winRate, p.winRateCi95)} of decisive cases`;
  const significant = p.wins + p.losses > 0 && p.signTestP < 0.05;
  const lead = !significant
    ? `${name(p.a)} vs ${name(p.b)} on ${name(p.target)}: no significant difference`
    : p.wins > p.losses
      ? `${name(p.a)} beats ${name(p.b)} on ${name(p.target)}`
      : `${name(p.b)} beats ${name(p.a)} on ${name(p.target)}`;
  return `${lead} (${counts}; ${rate}; sign test ${formatP(p.signTestP)})`;
}

/** How often the reply shown first won a single order; a warning when that is unlikely by chance. */
export function describePositionBias(p: PairwiseSummary): string {
  const b = p.positionBias;
  if (b.decisive === 0) return 'position bias: no order named a winner';
  const what = `the reply shown first won ${formatPercentCi(b.rate, b.ci95)} of ${formatCount(b.decisive, 'decisive order')} (${formatP(b.pValue)} against 50%)`;
  return b.biased ? `position bias: ${what} — the judge is biased by position; ${formatCount(p.orderDisagreements, 'pair')} whose orders disagreed count as ties` : `position bias: ${what}`;
}

function formatRatio(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}
