import { FAILURE_MODES, type FailureMode } from './labeled-schema.ts';
import { measureAgreement, type Agreement } from './agreement.ts';
import type { ScoredLabel } from './score-labeled.ts';

export interface ModeAgreement {
  mode: FailureMode;
  shownBy: 'reply' | 'meaning' | 'either';
  n: number;
  /** Items where the grader's verdict matched the person's. */
  agreed: number;
}

export interface Disagreement {
  id: string;
  mode: FailureMode;
  human: 'pass' | 'fail';
  grader: 'pass' | 'fail';
  /** Why the grader decided as it did: the criteria that failed, or the person's note when it passed. */
  why: string;
}

export interface Calibration {
  /** Every labeled item. */
  all: Agreement;
  /**
   * Good replies and replies whose fault the reply itself shows: what a rubric of rules is
   * expected to grade like a person.
   */
  shown: Agreement;
  /** Faults only the meaning shows (unsafe advice, irrelevant questions…): a judge's work. */
  meaning: Agreement;
  perMode: ModeAgreement[];
  disagreements: Disagreement[];
}

/** A good reply, or a fault the reply shows by itself. */
export function isShownByReply(label: Pick<ScoredLabel, 'entry'>): boolean {
  const { human } = label.entry;
  return human.verdict === 'pass' || human.shownBy !== 'meaning';
}

/** Agreement of a grader (the rubric, or a judge) with the people who labeled the set. */
export function buildCalibration(labels: readonly { entry: ScoredLabel['entry']; pass: boolean; why: string }[]): Calibration {
  const pair = (l: (typeof labels)[number]) => ({ human: l.entry.human.verdict === 'pass', machine: l.pass });
  const shown = labels.filter(isShownByReply);
  const meaning = labels.filter((l) => !isShownByReply(l));
  const byMode = new Map<string, ModeAgreement>();
  for (const l of labels) {
    const shownBy = l.entry.human.verdict === 'pass' ? 'either' : (l.entry.human.shownBy ?? 'reply');
    const key = `${l.entry.human.mode}\u0000${shownBy}`;
    const row = byMode.get(key) ?? { mode: l.entry.human.mode, shownBy, n: 0, agreed: 0 };
    row.n += 1;
    if (pair(l).human === pair(l).machine) row.agreed += 1;
    byMode.set(key, row);
  }
  const modeOrder = Object.keys(FAILURE_MODES);
  const perMode = [...byMode.values()].sort(
    (a, b) => shownOrder(a.shownBy) - shownOrder(b.shownBy) || modeOrder.indexOf(a.mode) - modeOrder.indexOf(b.mode),
  );
  const disagreements = labels
    .filter((l) => pair(l).human !== pair(l).machine)
    .map((l) => ({ id: l.entry.id, mode: l.entry.human.mode, human: l.entry.human.verdict, grader: l.pass ? ('pass' as const) : ('fail' as const), why: l.why }));
  return {
    all: measureAgreement(labels.map(pair)),
    shown: measureAgreement(shown.map(pair)),
    meaning: measureAgreement(meaning.map(pair)),
    perMode,
    disagreements,
  };
}

function shownOrder(shownBy: ModeAgreement['shownBy']): number {
  return shownBy === 'either' ? 0 : shownBy === 'reply' ? 1 : 2;
}

/** The rubric's side of a labeled item: its verdict and, when it failed the reply, which criteria said so. */
export function rubricVerdict(label: ScoredLabel): { entry: ScoredLabel['entry']; pass: boolean; why: string } {
  const why = label.failed.length === 0 ? 'every criterion passed' : label.failed.map((f) => `${f.name}: ${f.reason}`).join('; ');
  return { entry: label.entry, pass: label.rubricPass, why };
}
