import { tQuantile } from './student-t.ts';

/** Two-sided α and the power the report's "smallest detectable difference" is stated at. */
export const MDE_ALPHA = 0.05;
export const MDE_POWER = 0.8;

/**
 * The smallest true mean difference a paired test on n cases would find significant (two-sided
 * α) with the given power, if the differences spread as much as observed (sd):
 * (t₁₋α/₂,ₙ₋₁ + t_power,ₙ₋₁) · sd / √n. With t rather than z quantiles, so it widens honestly for a
 * small corpus. Null under 2 cases, or with no spread at all (nothing to estimate the noise from).
 * Pass the α the decision really uses: with Holm over m comparisons a lone difference must clear
 * α/m, so that is the level a null result can promise.
 */
export function minDetectableEffect(sd: number, n: number, alpha = MDE_ALPHA, power = MDE_POWER): number | null {
  if (n < 2 || !Number.isFinite(sd) || sd <= 0) return null;
  const df = n - 1;
  return ((tQuantile(1 - alpha / 2, df) + tQuantile(power, df)) * sd) / Math.sqrt(n);
}
