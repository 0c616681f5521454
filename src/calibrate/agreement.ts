import { wilsonCi95, type Interval } from '../aggregate/confidence.ts';

/** One labeled item: what the person decided and what the grader under test decided. */
export interface VerdictPair {
  human: boolean;
  machine: boolean;
}

/** Rows: the person's verdict; columns: the grader's. */
export interface VerdictConfusion {
  humanPassMachinePass: number;
  humanPassMachineFail: number;
  humanFailMachinePass: number;
  humanFailMachineFail: number;
}

export interface Agreement {
  n: number;
  /** Share of items where both said the same; null for none. */
  accuracy: number | null;
  accuracyCi95: Interval | null;
  /**
   * Cohen's κ: agreement beyond what the two marginals give by chance. Null when either side gave
   * one verdict only (every item a fault, say): κ is then 0 or undefined however well the other
   * side did, a figure of the formula rather than of the grader.
   */
  kappa: number | null;
  confusion: VerdictConfusion;
}

export function measureAgreement(pairs: readonly VerdictPair[]): Agreement {
  const confusion: VerdictConfusion = { humanPassMachinePass: 0, humanPassMachineFail: 0, humanFailMachinePass: 0, humanFailMachineFail: 0 };
  for (const { human, machine } of pairs) {
    if (human && machine) confusion.humanPassMachinePass += 1;
    else if (human) confusion.humanPassMachineFail += 1;
    else if (machine) confusion.humanFailMachinePass += 1;
    else confusion.humanFailMachineFail += 1;
  }
  const n = pairs.length;
  const agree = confusion.humanPassMachinePass + confusion.humanFailMachineFail;
  return { n, accuracy: n === 0 ? null : agree / n, accuracyCi95: wilsonCi95(agree, n), kappa: cohensKappa(confusion, n), confusion };
}

/** κ = (po − pe) / (1 − pe), pe from the two raters' pass rates; null when either gave one verdict only. */
export function cohensKappa(c: VerdictConfusion, n: number): number | null {
  if (n === 0) return null;
  const po = (c.humanPassMachinePass + c.humanFailMachineFail) / n;
  const humanPass = (c.humanPassMachinePass + c.humanPassMachineFail) / n;
  const machinePass = (c.humanPassMachinePass + c.humanFailMachinePass) / n;
  if (humanPass === 0 || humanPass === 1 || machinePass === 0 || machinePass === 1) return null;
  const pe = humanPass * machinePass + (1 - humanPass) * (1 - machinePass);
  return (po - pe) / (1 - pe);
}
