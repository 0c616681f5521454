import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import { buildClassification } from '../../src/aggregate/classification.ts';
import { buildExactFormRate, buildQuality } from '../../src/aggregate/quality.ts';
import type { Outcome, ReplyType } from '../../src/parse/reply-schema.ts';
import { makeRow } from './rows.ts';

function call(caseId: string, expected: ReplyType, outcome: Outcome, score: number | null, extra: { acceptable?: ReplyType[]; repeat?: number; exactForm?: boolean | null } = {}): AggregateRow {
  const row = makeRow({ caseId, outcome, score, repeat: extra.repeat ?? 0 });
  return {
    ...row,
    expectedType: expected,
    acceptedTypes: [expected, ...(extra.acceptable ?? [])],
    outcome: score === null && outcome !== 'format_error' && outcome !== 'schema_error' ? 'provider_error' : outcome,
    exactForm: extra.exactForm === undefined ? row.exactForm : extra.exactForm,
  };
}

describe('buildClassification', () => {
  // Six cases. a1, a2: answers right; a3: asked a question where an answer was expected;
  // q1: asked right; q2: answered, which the case also accepts; i1: a format error where a
  // refusal was expected; p1: a provider error (not the prompt's: left out).
  const rows = [
    call('a1', 'answer', 'answer', 1),
    call('a2', 'answer', 'answer', 0),
    call('a3', 'answer', 'question', 0),
    call('q1', 'question', 'question', 1),
    call('q2', 'question', 'answer', 0.9, { acceptable: ['answer'] }),
    call('i1', 'invalid', 'format_error', 0),
    call('p1', 'answer', 'provider_error', null),
  ];

  it('counts an acceptable second type as right, a format error as a miss, a provider error not at all', () => {
    const c = buildClassification(rows);
    expect(c.n).toBe(6);
    expect(c.accuracy).toBeCloseTo(4 / 6, 12);
    // Right types: a1 a2 a3 → answer; q1 → question; q2 → answer (its acceptable choice); i1 → invalid.
    // Predicted: answer {a1, a2, q2}, question {a3, q1}, invalid {}.
    expect(c.perType.answer).toEqual({ precision: 1, recall: 3 / 4, f1: (2 * 1 * 0.75) / 1.75, support: 4 });
    expect(c.perType.question).toEqual({ precision: 0.5, recall: 1, f1: (2 * 0.5 * 1) / 1.5, support: 1 });
    // Nothing predicted invalid but one case needed it: F1 0, counted in the macro mean.
    expect(c.perType.invalid).toEqual({ precision: null, recall: 0, f1: 0, support: 1 });
    expect(c.macroF1).toBeCloseTo(((2 * 0.75) / 1.75 + 1 / 1.5 + 0) / 3, 12);
  });

  it('averages repeats within a case first, and gives a deterministic bootstrap interval around macro-F1', () => {
    const repeated = [call('a1', 'answer', 'answer', 1, { repeat: 0 }), call('a1', 'answer', 'question', 0, { repeat: 1 }), ...rows.slice(1)];
    const c = buildClassification(repeated);
    expect(c.n).toBe(6);
    // a1 half right (0.5), a2 1, a3 0, q1 1, q2 1, i1 0
    expect(c.accuracy).toBeCloseTo(3.5 / 6, 12);
    const again = buildClassification(repeated);
    expect(c.macroF1Ci95).toEqual(again.macroF1Ci95);
    const [lo, hi] = c.macroF1Ci95 ?? [NaN, NaN];
    expect(lo).toBeLessThanOrEqual(c.macroF1 ?? NaN);
    expect(hi).toBeGreaterThanOrEqual(c.macroF1 ?? NaN);
  });

  it('has no interval under two cases, and nothing to say with no calls', () => {
    expect(buildClassification([call('a1', 'answer', 'answer', 1)]).macroF1Ci95).toBeNull();
    const none = buildClassification([]);
    expect(none).toMatchObject({ n: 0, accuracy: null, accuracyCi95: null, macroF1: null, macroF1Ci95: null });
  });
});

describe('buildQuality and buildExactFormRate', () => {
  it('means the scores of acceptable-type replies per case, repeats first', () => {
    const q = buildQuality([
      call('a1', 'answer', 'answer', 1, { repeat: 0 }),
      call('a1', 'answer', 'answer', 0, { repeat: 1 }),
      call('a2', 'answer', 'question', 0),
      call('q2', 'question', 'answer', 0.8, { acceptable: ['answer'] }),
      call('p1', 'answer', 'provider_error', null),
    ]);
    // a1: mean(1, 0) = 0.5; a2 is the wrong type (not quality); q2: 0.8 → (0.5 + 0.8) / 2
    expect(q.n).toBe(2);
    expect(q.mean).toBeCloseTo(0.65, 12);
    expect(q.ci95).not.toBeNull();
  });

  it('shares the replies that came exactly in the declared form, format errors counting as not', () => {
    expect(
      buildExactFormRate([
        call('a1', 'answer', 'answer', 1, { exactForm: true }),
        call('a2', 'answer', 'answer', 1, { exactForm: false }),
        call('a3', 'answer', 'format_error', 0, { exactForm: false }),
        call('a4', 'answer', 'answer', 1, { exactForm: true }),
        call('p1', 'answer', 'provider_error', null),
      ]),
    ).toBe(0.5);
    expect(buildExactFormRate([call('p1', 'answer', 'provider_error', null)])).toBeNull();
  });
});
