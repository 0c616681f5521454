import { MDE_POWER } from './min-detectable-effect.ts';
import { tCdf, tQuantile } from './student-t.ts';

/**
 * How much a margin test on n paired differences with this spread can see, by the t
 * approximation (the exact test's power is close to it once a dozen cases change). Null under 2
 * cases or with no spread: nothing to estimate the noise from.
 */
export interface MarginPower {
  /** The smallest true drop (baseline − candidate) that fails the gate with MDE_POWER. */
  detectableDrop: number | null;
  /** Non-inferiority only: the chance that a change with no true effect passes. */
  passChance: number | null;
}

/**
 * - max-drop (fail when the upper bound at level γ is below −D): a true drop X fails with power
 *   1 − β when X ≥ D + (t₁₋γ + t₁₋β) · SE.
 * - non-inferiority (pass when the lower bound at level γ is above −D): a true drop X fails with
 *   power 1 − β when X ≥ D − (t₁₋γ − t₁₋β) · SE (0 when that is negative: even no drop fails that
 *   often); an unchanged prompt passes with probability P(T > t₁₋γ − D/SE).
 */
export function marginPower(mode: 'max-drop' | 'non-inferiority', sd: number, n: number, margin: number, gamma: number, power = MDE_POWER): MarginPower {
  if (n < 2 || !(sd > 0)) return { detectableDrop: null, passChance: null };
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  const bound = tQuantile(1 - gamma, df);
  const beta = tQuantile(power, df);
  if (mode === 'max-drop') return { detectableDrop: margin + (bound + beta) * se, passChance: null };
  return { detectableDrop: Math.max(0, margin - (bound - beta) * se), passChance: 1 - tCdf(bound - margin / se, df) };
}
