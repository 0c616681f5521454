import type { JudgeRecord, PairOutcome } from '../judge/index.ts';
import type { LabeledReply } from './labeled-schema.ts';
import { spearman } from './spearman.ts';

/** One labeled reply and what became of it: the judge's record, or why it was not asked. */
export interface JudgedLabel {
  entry: LabeledReply;
  judge: { record: JudgeRecord } | { skipped: 'no-reply' | 'other-type' };
}

/** What the rubric's calibration does not say about a judge: what it was not asked, what failed, how its scores rank. */
export interface JudgeExtras {
  total: number;
  /** Not sent to the judge, as in a run: no parseable reply (the schema gate's), or a type the case does not accept (the type gate's). */
  skipped: { noReply: number; otherType: number };
  /** Ids whose verdict was an error: left out of every figure. */
  errors: string[];
  /** Judge score against the person's graded score, over judged replies that have one. */
  spearman: { rho: number | null; n: number };
}

/** The replies the judge gave a usable verdict on, and the rest of what a judge's calibration reports. Pure. */
export function sortJudgedLabels(labels: readonly JudgedLabel[]): { judged: { entry: LabeledReply; record: JudgeRecord }[]; extras: JudgeExtras } {
  const judged: { entry: LabeledReply; record: JudgeRecord }[] = [];
  const errors: string[] = [];
  let noReply = 0;
  let otherType = 0;
  for (const { entry, judge } of labels) {
    if ('skipped' in judge) {
      if (judge.skipped === 'no-reply') noReply++;
      else otherType++;
    } else if (judge.record.verdict === 'error') errors.push(entry.id);
    else judged.push({ entry, record: judge.record });
  }
  const scored = judged.filter(({ entry, record }) => entry.human.score !== undefined && record.score !== null);
  const rho = spearman(scored.map((j) => j.record.score ?? 0), scored.map((j) => j.entry.human.score ?? 0));
  return { judged, extras: { total: labels.length, skipped: { noReply, otherType }, errors, spearman: { rho, n: scored.length } } };
}

export interface JudgedPair {
  id: string;
  prefer: 'a' | 'b' | 'tie';
  outcome: PairOutcome;
  disagreed: boolean;
}

export interface PairAgreement {
  total: number;
  /** Pairs with a verdict in both orders. */
  judged: number;
  errors: string[];
  agreed: number;
  /** Share of judged pairs where the judge's combined verdict (a, b or tie) is the person's. */
  agreement: number | null;
  /** Of the pairs where the person preferred one reply: how often the judge chose it, tied, or chose the other. */
  decisive: { n: number; same: number; tie: number; opposite: number };
  /** Pairs whose two orders named different winners (the judge followed the position). */
  orderDisagreements: number;
  misses: { id: string; prefer: 'a' | 'b' | 'tie'; judge: PairOutcome }[];
}

/** How well the pairwise judge agrees with people's preferences on labeled pairs. Pure. */
export function measurePairAgreement(pairs: readonly JudgedPair[]): PairAgreement {
  const judged = pairs.filter((p) => p.outcome !== 'error');
  const decisive = judged.filter((p) => p.prefer !== 'tie');
  const agreed = judged.filter((p) => p.outcome === p.prefer).length;
  return {
    total: pairs.length,
    judged: judged.length,
    errors: pairs.filter((p) => p.outcome === 'error').map((p) => p.id),
    agreed,
    agreement: judged.length === 0 ? null : agreed / judged.length,
    decisive: {
      n: decisive.length,
      same: decisive.filter((p) => p.outcome === p.prefer).length,
      tie: decisive.filter((p) => p.outcome === 'tie').length,
      opposite: decisive.filter((p) => p.outcome !== p.prefer && p.outcome !== 'tie').length,
    },
    orderDisagreements: judged.filter((p) => p.disagreed).length,
    misses: judged.filter((p) => p.outcome !== p.prefer).map((p) => ({ id: p.id, prefer: p.prefer, judge: p.outcome })),
  };
}
