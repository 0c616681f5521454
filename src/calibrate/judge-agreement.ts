import type { JudgeRecord, PairOutcome } from '../judge/index.ts';
import { accuracyOf, cohensKappa, countVerdicts, spearman, type VerdictConfusion } from './agreement-stats.ts';
import { FAILURE_MODE_IDS, type FailureMode, type HumanVerdict } from './labeled-schema.ts';

/** One labeled reply and what became of it: the judge's record, or why it was not asked. */
export interface JudgedLabel {
  id: string;
  human: Pick<HumanVerdict, 'verdict' | 'mode' | 'shownBy' | 'score'>;
  judge: { record: JudgeRecord } | { skipped: 'no-reply' | 'other-type' };
}

export interface ModeAgreement {
  mode: FailureMode;
  /** Replies of this mode with a usable verdict. */
  n: number;
  agreed: number;
  agreement: number | null;
}

export interface JudgeAgreement {
  total: number;
  /** Not sent to the judge, as in a run: no parseable reply (the schema gate's), or a type the case does not accept (the type gate's). */
  skipped: { noReply: number; otherType: number };
  /** Usable verdicts: the figures below are over these. */
  judged: number;
  /** Verdicts that were errors: left out of every figure, listed. */
  errors: string[];
  /** Rows the judge, columns the human. */
  confusion: VerdictConfusion;
  accuracy: number | null;
  kappa: number | null;
  /** Judge score against the human's graded score, over judged replies that have one. */
  spearman: { rho: number | null; n: number };
  /** Failure modes in the labeled-set order, only those present. */
  byMode: ModeAgreement[];
  /** The replies whose fault only their meaning shows: what the judge is for. */
  meaningOnly: { n: number; agreement: number | null };
  /** Where the judge and the human disagreed: id, mode, both verdicts, the judge's reason. */
  disagreements: { id: string; mode: FailureMode; human: 'pass' | 'fail'; judge: 'pass' | 'fail' }[];
}

/** How well the judge agrees with people on the labeled set. Pure. */
export function measureJudgeAgreement(labels: readonly JudgedLabel[]): JudgeAgreement {
  const judged: { label: JudgedLabel; record: JudgeRecord }[] = [];
  const errors: string[] = [];
  let noReply = 0;
  let otherType = 0;
  for (const label of labels) {
    if ('skipped' in label.judge) {
      if (label.judge.skipped === 'no-reply') noReply++;
      else otherType++;
    } else if (label.judge.record.verdict === 'error') errors.push(label.id);
    else judged.push({ label, record: label.judge.record });
  }
  const agrees = ({ label, record }: (typeof judged)[number]) => (record.verdict === 'pass') === (label.human.verdict === 'pass');
  const confusion = countVerdicts(judged.map(({ label, record }) => ({ first: record.verdict === 'pass', second: label.human.verdict === 'pass' })));
  const scored = judged.filter(({ label, record }) => label.human.score !== undefined && record.score !== null);
  const byMode = FAILURE_MODE_IDS.flatMap((mode) => {
    const of = judged.filter((j) => j.label.human.mode === mode);
    if (of.length === 0) return [];
    const agreed = of.filter(agrees).length;
    return [{ mode, n: of.length, agreed, agreement: agreed / of.length }];
  });
  const meaning = judged.filter((j) => j.label.human.shownBy === 'meaning');
  return {
    total: labels.length,
    skipped: { noReply, otherType },
    judged: judged.length,
    errors,
    confusion,
    accuracy: accuracyOf(confusion),
    kappa: cohensKappa(confusion),
    spearman: { rho: spearman(scored.map((j) => j.record.score ?? 0), scored.map((j) => j.label.human.score ?? 0)), n: scored.length },
    byMode,
    meaningOnly: { n: meaning.length, agreement: meaning.length === 0 ? null : meaning.filter(agrees).length / meaning.length },
    disagreements: judged
      .filter((j) => !agrees(j))
      .map(({ label, record }) => ({ id: label.id, mode: label.human.mode, human: label.human.verdict, judge: record.verdict === 'pass' ? 'pass' : 'fail' })),
  };
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
