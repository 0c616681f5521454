import type { Dimension } from './judge-rubric-schema.ts';
import { TOP_LEVEL } from './judge-rubric-schema.ts';
import type { DimensionGrade } from './judge-types.ts';

export interface Grade {
  score: number;
  pass: boolean;
  /** Dimensions at level 0: each a fault that fails the reply. */
  zeroes: string[];
}

/** Absorbs float noise so a mean meant to equal passScore passes. */
const EPSILON = 1e-9;

/**
 * Levels → the judge's score and verdict. A dimension at 0 is a fault a careful grader fails the
 * reply for, so it makes the score 0 whatever the others say (unsafe advice is not offset by a
 * good order); otherwise the score is the weighted mean of level/2 and the reply passes at
 * `passScore` or above.
 */
export function gradeVerdict(dimensions: readonly Dimension[], grades: Readonly<Record<string, DimensionGrade>>, passScore: number): Grade {
  let weighted = 0;
  let total = 0;
  const zeroes: string[] = [];
  for (const d of dimensions) {
    const level = grades[d.id]?.level ?? 0;
    if (level === 0) zeroes.push(d.id);
    weighted += d.weight * (level / TOP_LEVEL);
    total += d.weight;
  }
  const score = zeroes.length > 0 || total === 0 ? 0 : weighted / total;
  return { score, pass: zeroes.length === 0 && score >= passScore - EPSILON, zeroes };
}
