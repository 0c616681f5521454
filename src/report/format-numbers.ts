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
 * A difference and its half-width ("0.07 ± 0.03"; the HTML page's tables), two decimals as people
 * say them, more when fewer would show a zero that is not one: a half-width that is not 0 never
 * prints as `± 0.00`.
 */
export function formatDiff(value: number, half: number): string {
  const [v, h] = formatTogether([value, half]);
  return `${v} ± ${h}`;
}

/**
 * Numbers printed side by side (a difference, its bounds, a margin, 0) with one number of
 * decimals, from `minDigits` up to `maxDigits`: the fewest that keep every order between them and
 * with 0 (a bound below a margin prints below it, a bound that is not 0 does not print as 0, two
 * bounds that differ do not print the same). `-0` prints as `0`.
 */
export function formatTogether(values: readonly number[], minDigits = 2, maxDigits = 8): string[] {
  const finite = values.filter(Number.isFinite);
  let digits = minDigits;
  while (digits < maxDigits && !keepsOrder(finite, digits)) digits++;
  return values.map((v) => (Number.isFinite(v) ? fixed(v, digits) : MISSING));
}

/** `+0.07` / `-0.07` / `0.00`: a difference with its direction spelled out. */
export function signed(text: string): string {
  return /^-|^0(?:\.0*)?$/.test(text) ? text : `+${text}`;
}

function fixed(v: number, digits: number): string {
  const text = v.toFixed(digits);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Values within this are the same number (float noise from sums of scores). */
const SAME = 1e-12;

function keepsOrder(values: readonly number[], digits: number): boolean {
  const all = [...values, 0];
  const shown = all.map((v) => Number(fixed(v, digits)));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const diff = (all[i] as number) - (all[j] as number);
      const truth = Math.abs(diff) <= SAME ? 0 : Math.sign(diff);
      if (Math.sign((shown[i] as number) - (shown[j] as number)) !== truth) return false;
    }
  }
  return true;
}

/** `[0.01, 0.13]`, with the digits `extra` numbers printed beside it need too. */
export function formatInterval(ci: readonly [number, number], extra: readonly number[] = []): string {
  const [lo, hi] = formatTogether([ci[0], ci[1], ...extra]);
  return `[${lo}, ${hi}]`;
}

/** The level every p-value here is compared with, after any adjustment. */
export const SIGNIFICANCE_LINE = 0.05;

/**
 * `p = 0.002`, `p = 0.048`, `p = 0.61`, `p < 0.001`: three decimals below 0.1, two above, and
 * never rounded across 0.05, the line every decision here is drawn at (0.04996 prints 0.04996,
 * not 0.050; a p that no six decimals separate from 0.05 prints `p < 0.05`).
 */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return `p = ${MISSING}`;
  if (p < 0.001) return 'p < 0.001';
  if (p >= 0.1) return `p = ${p.toFixed(2)}`;
  for (let digits = 3; digits <= 6; digits++) {
    const text = p.toFixed(digits);
    if (p >= SIGNIFICANCE_LINE || Number(text) < SIGNIFICANCE_LINE) return `p = ${text}`;
  }
  return `p < ${SIGNIFICANCE_LINE}`;
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
