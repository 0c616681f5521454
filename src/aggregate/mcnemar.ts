export interface McNemarTest {
  /** Cases that passed under a and failed under b. */
  aOnly: number;
  /** Cases that failed under a and passed under b. */
  bOnly: number;
  /** Two-sided exact p. */
  pValue: number;
}

/**
 * McNemar's exact test: only the discordant cases carry evidence, and if a and b were equally
 * good each would fall on either side with probability ½. So p is the two-sided binomial tail
 * 2 · P(X ≤ min(aOnly, bOnly)), X ~ Binomial(aOnly + bOnly, ½), capped at 1; 1 with no discordant
 * case. Exact rather than the χ² version: the discordant counts of a prompt change are small.
 */
export function mcnemarExact(aOnly: number, bOnly: number): McNemarTest {
  return { aOnly, bOnly, pValue: binomialTwoSidedHalf(Math.min(aOnly, bOnly), aOnly + bOnly) };
}

/** 2 · P(X ≤ k) for X ~ Binomial(n, ½), capped at 1; k ≤ n/2 is the smaller count. */
export function binomialTwoSidedHalf(k: number, n: number): number {
  if (n === 0) return 1;
  return Math.min(1, 2 * (n <= LINEAR_MAX_N ? lowerTailLinear(k, n) : lowerTailLog(k, n)));
}

/** Up to here ½ⁿ is a normal double, and small counts come out exact (1 vs 8 gives 10/512). */
const LINEAR_MAX_N = 1000;

function lowerTailLinear(k: number, n: number): number {
  let term = 0.5 ** n;
  let tail = 0;
  for (let j = 0; j <= k; j++) {
    tail += term;
    term = (term * (n - j)) / (j + 1);
  }
  return tail;
}

/** Past that, in logs: ½ⁿ underflows and C(n, n/2) overflows a double. */
function lowerTailLog(k: number, n: number): number {
  let logTerm = -n * Math.LN2;
  let tail = 0;
  for (let j = 0; j <= k; j++) {
    tail += Math.exp(logTerm);
    logTerm += Math.log(n - j) - Math.log(j + 1);
  }
  return tail;
}
