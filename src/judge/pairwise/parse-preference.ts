import { z } from 'zod';
import { findVerdictObject } from '../find-verdict-object.ts';

export const PreferenceSchema = z.strictObject({
  reason: z.string().min(1).describe('Why, in a sentence or two.'),
  winner: z.enum(['A', 'B', 'tie']).describe('The better reply by its position, or tie.'),
});

/** Which position the judge preferred in one order, or why its reply cannot be used. */
export type Preference = { ok: true; winner: 'A' | 'B' | 'tie'; reason: string } | { ok: false; error: string };

/** One pairwise judge reply, checked as strictly as a verdict (see findVerdictObject). */
export function parsePreference(text: string): Preference {
  const found = findVerdictObject(text, 'winner');
  if (!found.ok) return found;
  const checked = PreferenceSchema.safeParse(found.value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, error: `the judge's preference does not fit {reason, winner: A | B | tie}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() };
  }
  return { ok: true, winner: checked.data.winner, reason: checked.data.reason };
}
