/** Two raters' pass/fail verdicts on the same items, counted: rows the first rater, columns the second. */
export interface VerdictConfusion {
  /** Both pass. */
  passPass: number;
  /** First pass, second fail. */
  passFail: number;
  failPass: number;
  failFail: number;
}

export function countVerdicts(pairs: readonly { first: boolean; second: boolean }[]): VerdictConfusion {
  const c: VerdictConfusion = { passPass: 0, passFail: 0, failPass: 0, failFail: 0 };
  for (const { first, second } of pairs) {
    if (first && second) c.passPass++;
    else if (first) c.passFail++;
    else if (second) c.failPass++;
    else c.failFail++;
  }
  return c;
}

/** Share of items on which the two agree; null with none. */
export function accuracyOf(c: VerdictConfusion): number | null {
  const n = c.passPass + c.passFail + c.failPass + c.failFail;
  return n === 0 ? null : (c.passPass + c.failFail) / n;
}

/**
 * Cohen's κ: agreement beyond what two raters with these pass rates would reach by chance,
 * (pₒ − pₑ) / (1 − pₑ). Null when chance agreement is already total (both raters gave one
 * verdict to everything), where κ is undefined rather than 0 or 1.
 */
export function cohensKappa(c: VerdictConfusion): number | null {
  const n = c.passPass + c.passFail + c.failPass + c.failFail;
  if (n === 0) return null;
  const observed = (c.passPass + c.failFail) / n;
  const firstPass = (c.passPass + c.passFail) / n;
  const secondPass = (c.passPass + c.failPass) / n;
  const chance = firstPass * secondPass + (1 - firstPass) * (1 - secondPass);
  return chance >= 1 ? null : (observed - chance) / (1 - chance);
}

/**
 * Spearman's ρ: Pearson's correlation of the ranks, ties given their average rank. Null under 3
 * pairs or when either side has no spread (every score equal), where no order can agree.
 */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 3) return null;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const dx = rx[i]! - mx;
    const dy = ry[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** 1-based ranks, ties sharing the mean of the ranks they span. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.i] = rank;
    start = end + 1;
  }
  return out;
}
