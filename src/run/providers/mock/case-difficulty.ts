import type { SimulationHints } from '../provider.ts';

/** How often a competent model errs on an easy case. */
const BASE_ERROR = 0.03;
/** Extra error per tag: the situations real models get wrong. */
const TAG_ERROR: Record<string, number> = {
  ambiguous: 0.25,
  borderline: 0.2,
  'long-vague': 0.2,
  'short-clear': 0.15,
  typo: 0.2,
  injection: 0.15,
  request: 0.1,
  harmful: 0.12,
  crisis: 0.12,
  'multi-turn': 0.1,
  'multi-todo': 0.1,
  'very-short': 0.08,
  'very-long': 0.1,
  emoji: 0.08,
  english: 0.05,
  mixed: 0.05,
};
const MAX_ERROR = 0.6;

/**
 * The chance that the simulated model gets this case wrong, from the case alone: its tags, its
 * length and its turns. The prompt plays no part, so every prompt has the same skill and a
 * per-tag breakdown shows which situations are hard.
 */
export function errorRate(hints: Pick<SimulationHints, 'tags' | 'input' | 'turns'>): number {
  let rate = BASE_ERROR;
  for (const tag of new Set(hints.tags)) rate += TAG_ERROR[tag] ?? 0;
  const letters = hints.input.match(/\p{L}/gu)?.length ?? 0;
  if (letters <= 3) rate += 0.05;
  if (letters > 80) rate += 0.05;
  if (hints.turns > 0) rate += 0.03;
  return Math.min(MAX_ERROR, rate);
}
