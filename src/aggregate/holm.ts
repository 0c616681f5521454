/**
 * Holm's step-down adjustment: sort the m p-values ascending, multiply the i-th smallest (from 1)
 * by m − i + 1, cap at 1, and carry the running maximum so an adjusted p never falls below the
 * one before it. It controls the chance of any false "significant" among all m at α, like
 * Bonferroni, but rejects at least as often. Returned in the input's order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
