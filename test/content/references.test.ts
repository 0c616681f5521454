import { describe, expect, it } from 'vitest';
import { RubricSchema } from '../../src/config/rubric-schema.ts';
import type { Case } from '../../src/config/case-schema.ts';
import { scoreTrial } from '../../src/score/index.ts';
import { readCorpus } from './read-corpus.ts';

// The reference replies in cases/*.yaml are what the judge compares against and what the simulated
// model knows, so each must pass the default rubric under the strictest shipped prompt's own terms
// (five-principles: 40 characters an item, its fixed refusal): docs/corpus-policy.md, "What a good
// reply looks like". A reference the rubric fails is a rubric that fails good replies, or a bad reference.

const cases = readCorpus().map((entry) => entry.case);
const withReference = cases.filter((c) => c.reference !== undefined);
const rubric = RubricSchema.parse({});
const FIVE_PRINCIPLES = { refusal: '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.', maxItemChars: 40 };

function failedCriteria(c: Case): string[] {
  const reply = c.reference;
  if (reply === undefined) return [];
  const scored = scoreTrial({ testCase: c, outcome: reply.type, reply, prompt: FIVE_PRINCIPLES }, rubric);
  if (scored.pass === true) return [];
  return Object.entries(scored.scores).flatMap(([name, s]) => (s.score !== null && s.score < 1 ? [`${name}: ${s.reason}`] : []));
}

describe('reference replies', () => {
  it('exist for every answer and question case, in the expected type', () => {
    const missing = cases
      .filter((c) => c.expect.type !== 'invalid')
      .filter((c) => c.reference?.type !== c.expect.type)
      .map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('exist for an invalid case only where the message is not the fixed refusal', () => {
    const refusals = withReference.filter((c) => c.reference?.type === 'invalid');
    const plain = refusals.filter((c) => c.reference?.type === 'invalid' && c.reference.message.startsWith('적합한 투두 형식이 아닙니다'));
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    expect(plain.map((c) => c.id)).toEqual([]);
  });

  it('pass the default rubric, under five-principles\' 40 characters and fixed refusal', () => {
    const problems = withReference.flatMap((c) => failedCriteria(c).map((p) => `${c.id}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('keep a number of the to-do, on first-turn answers that have one (a date, a time, a count)', () => {
    const lost = withReference.filter((c) => {
      if (c.reference?.type !== 'answer' || c.history.length > 0) return false;
      const numbers = c.input.match(/\d+/gu) ?? [];
      return numbers.length > 0 && !numbers.some((n) => c.reference?.type === 'answer' && c.reference.items.some((item) => item.includes(n)));
    });
    expect(lost.map((c) => c.id)).toEqual([]);
  });
});
