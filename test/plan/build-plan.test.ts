import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { hashTrialIds } from '../../src/plan/plan-hash.ts';
import { selectCases } from '../../src/plan/select-cases.ts';
import { makeCase, makeTarget, makeVariant } from '../support/fixtures.ts';

const cases = [makeCase('a1', '보고서 쓰기', 'answer', { tags: ['work'] }), makeCase('q1', '여행', 'question', { tags: ['travel', 'very-short'] })];
const variants = [makeVariant('v1'), makeVariant('v2')];
const targets = [makeTarget('mock'), makeTarget('openai:gpt-x')];

describe('buildPlan', () => {
  it('makes every variant × target × case × repeat, targets varying fastest', () => {
    const plan = buildPlan({ variants, targets, cases, repeat: 2 });
    expect(plan.trials).toHaveLength(2 * 2 * 2 * 2);
    expect(plan.trials.slice(0, 4).map((t) => `${t.testCase.id}/${t.variant.id}/${t.target.id}/${t.repeat}`)).toEqual([
      'a1/v1/mock/0',
      'a1/v1/openai:gpt-x/0',
      'a1/v2/mock/0',
      'a1/v2/openai:gpt-x/0',
    ]);
  });

  it('gives trial ids from content: stable across order, distinct per trial, changed by a prompt edit', () => {
    const a = buildPlan({ variants, targets, cases, repeat: 2 });
    const b = buildPlan({ variants: [...variants].reverse(), targets: [...targets].reverse(), cases: [...cases].reverse(), repeat: 2 });
    const key = (t: (typeof a.trials)[number]) => `${t.testCase.id}/${t.variant.id}/${t.target.id}/${t.repeat}`;
    const idsA = new Map(a.trials.map((t) => [key(t), t.trialId]));
    for (const t of b.trials) expect(t.trialId).toBe(idsA.get(key(t)));
    expect(new Set(a.trials.map((t) => t.trialId)).size).toBe(a.trials.length);

    const edited = buildPlan({ variants: [makeVariant('v1', { system: 'a different system prompt' }), variants[1]!], targets, cases, repeat: 1 });
    const before = a.trials.find((t) => key(t) === 'a1/v1/mock/0')!.trialId;
    const after = edited.trials.find((t) => key(t) === 'a1/v1/mock/0')!.trialId;
    expect(after).not.toBe(before);
    const untouched = edited.trials.find((t) => key(t) === 'a1/v2/mock/0')!.trialId;
    expect(untouched).toBe(a.trials.find((t) => key(t) === 'a1/v2/mock/0')!.trialId);
  });
});

describe('selectCases', () => {
  it.each([
    [['tag:travel'], ['q1']],
    [['type:answer'], ['a1']],
    [['a*'], ['a1']],
    [['tag:work', 'q1'], ['a1', 'q1']],
    [['tag:very-*'], ['q1']],
    [['nothing'], []],
  ])('%j selects %j', (filters, ids) => {
    expect(selectCases(cases, filters).map((c) => c.id)).toEqual(ids);
  });

  it('keeps all cases without a filter', () => {
    expect(selectCases(cases, undefined)).toHaveLength(2);
  });
});

describe('hashTrialIds', () => {
  it('is the same for the same trials in any order, and differs when one is added or removed', () => {
    const plan = buildPlan({ variants, targets, cases, repeat: 2 });
    const ids = plan.trials.map((t) => t.trialId);
    expect(hashTrialIds(ids)).toBe(hashTrialIds([...ids].reverse()));
    expect(hashTrialIds(ids)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashTrialIds(ids.slice(1))).not.toBe(hashTrialIds(ids));
    expect(hashTrialIds([...ids, 'extra'])).not.toBe(hashTrialIds(ids));
  });
});
