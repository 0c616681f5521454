/** Number formats shared by report.md and the terminal, so both say the same thing. */

export const MISSING = '—';

export function halfWidth(ci: readonly [number, number]): number {
  return Math.abs(ci[1] - ci[0]) / 2;
}

/**
 * `0.812 ± 0.041`, the ± half the CI's width. Without an interval (one case) the ± is `—` and the
 * case count says why, `0.800 ± — (n=1)`: dropping the ± or printing `± 0.000` would both read
 * as a certain score.
 */
export function formatScore(mean: number | null, ci: readonly [number, number] | null, n: number): string {
  if (mean === null) return MISSING;
  if (ci === null) return `${mean.toFixed(3)} ± ${MISSING} (n=${n})`;
  return `${mean.toFixed(3)} ± ${halfWidth(ci).toFixed(3)}`;
}

/**
 * A difference and its half-width, two decimals as people say them ("0.07 ± 0.03"), three when
 * two would show a zero that is not one.
 */
export function formatDiff(value: number, half: number): string {
  const small = (x: number) => x !== 0 && Math.abs(x) < 0.005;
  const digits = small(value) || small(half) ? 3 : 2;
  return `${value.toFixed(digits)} ± ${half.toFixed(digits)}`;
}

/** `p = 0.002`, `p = 0.61`, `p < 0.001`. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return `p = ${MISSING}`;
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

export function formatPercent(share: number | null): string {
  return share === null ? MISSING : `${Math.round(share * 100)}%`;
}

/** `79% (69–86)`: the interval in the same unit, without repeating the sign. */
export function formatPercentCi(share: number | null, ci: readonly [number, number] | null): string {
  if (share === null) return MISSING;
  if (ci === null) return formatPercent(share);
  return `${formatPercent(share)} (${Math.round(ci[0] * 100)}–${Math.round(ci[1] * 100)})`;
}

/** `$0.0123` under a dollar, `$12.34` above; a positive cost never shows as zero. */
export function formatCost(usd: number | null): string {
  if (usd === null) return MISSING;
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** `—` when there is no latency (no call succeeded): `0` would read as fast. */
export function formatMs(ms: number | null): string {
  return ms !== null && Number.isFinite(ms) ? String(Math.round(ms)) : MISSING;
}

export function formatCount(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `3m 12s` from two ISO times; empty when either does not parse. */
export function formatDuration(startIso: string, endIso: string): string {
  const ms = Date.parse(endIso) - Date.parse(startIso);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}
