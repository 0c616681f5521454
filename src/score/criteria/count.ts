import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';

/** Credit lost per item outside the range (shown in per-criterion means; as a gate any miss fails). */
export const COUNT_PENALTY_PER_ITEM = 0.25;

/**
 * Items within [min, max]: one item where the to-do needs several fails, and so do fifteen
 * micro-steps for buying milk. The case's minItems/maxItems describe its expected reply, so they
 * apply only to a reply of that type; otherwise the criterion's defaults for the reply's type apply.
 * When the case sets one bound past the other's default (minItems 9, default max 7), the default
 * bound stretches to meet it.
 */
export const scoreCount: CriterionScorer<'count'> = ({ testCase, reply }, criterion) => {
  if (reply === null || reply.type === 'invalid') return notApplicable('no items');
  const { expect } = testCase;
  const [defaultMin, defaultMax] = criterion[reply.type];
  const own = expect.type === reply.type;
  const caseMin = own ? expect.minItems : undefined;
  const caseMax = own ? expect.maxItems : undefined;
  let min = caseMin ?? defaultMin;
  let max = caseMax ?? defaultMax;
  if (min > max) {
    if (caseMax === undefined) max = min;
    else min = max;
  }
  const n = reply.items.length;
  const range = `[${min}, ${max}]`;
  if (n >= min && n <= max) return { score: 1, reason: `${n} items within ${range}` };
  const distance = n < min ? min - n : n - max;
  const score = Math.max(0, 1 - COUNT_PENALTY_PER_ITEM * distance);
  return { score, reason: `${n} ${n === 1 ? 'item' : 'items'}: ${n < min ? 'fewer' : 'more'} than ${range} allows` };
};
