import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/config/rubric-schema.ts';
import { DEFAULT_CRITERIA } from '../../src/config/rubric-schema.ts';
import { scoreTrial } from '../../src/score/score-trial.ts';
import { answer, invalid, makeInput, question } from './fixtures.ts';

const defaultRubric: Rubric = { passThreshold: 0.7, criteria: DEFAULT_CRITERIA };

describe('scoreTrial', () => {
  it('averages applicable criteria by weight', () => {
    // With unique a weight (2), not a gate: 11 applicable criteria, unique 2/3 →
    // (10 + 2 · 2/3) / 12; mentions, question_form, refusal and forbid are n/a.
    const rubric: Rubric = {
      passThreshold: 0.7,
      criteria: DEFAULT_CRITERIA.map((c) => (c.name === 'unique' ? { ...c, gate: false, weight: 2 } : c)),
    };
    const result = scoreTrial(makeInput({ type: 'answer' }, answer('이삿짐센터 견적 받기', '이삿짐센터 견적 받기.', '짐 싸기')), rubric);
    expect(result.scores['unique']?.score).toBeCloseTo(2 / 3, 12);
    const applicable = Object.values(result.scores).filter((s) => s.score !== null).length;
    expect(applicable).toBe(11);
    expect(result.score).toBeCloseTo((10 + 2 * (2 / 3)) / (applicable + 1), 12);
    expect(result.pass).toBe(true);
    expect(Object.keys(result.scores)).toEqual(rubric.criteria.map((c) => c.name));
    expect(result.scores['mentions']?.score).toBeNull();
  });

  it('fails a near-duplicate through the unique gate', () => {
    const result = scoreTrial(makeInput({ type: 'answer' }, answer('이삿짐센터 견적 받기', '이삿짐센터 견적 받기.', '짐 싸기')), defaultRubric);
    expect(result.score).toBe(0);
    expect(result.pass).toBe(false);
  });

  it('zeroes the score when a gate fails but keeps every criterion', () => {
    const result = scoreTrial(makeInput({ type: 'question' }, answer('이삿짐 센터 예약', '짐 싸기')), defaultRubric);
    expect(result.score).toBe(0);
    expect(result.pass).toBe(false);
    expect(result.scores['type']).toEqual({ score: 0, reason: 'expected question, got answer' });
    expect(result.scores['schema']?.score).toBe(1);
    expect(result.scores['count']?.score).toBe(1);
    expect(result.scores['language']?.score).toBe(1);
  });

  it('zeroes a format error through the schema gate', () => {
    const result = scoreTrial(makeInput({ type: 'answer' }, null, { outcome: 'format_error' }), defaultRubric);
    expect(result.score).toBe(0);
    expect(result.pass).toBe(false);
    expect(result.scores['schema']?.reason).toMatch(/format_error/);
    expect(result.scores['count']?.score).toBeNull();
  });

  it('leaves provider errors unscored', () => {
    const result = scoreTrial(makeInput({ type: 'answer' }, null, { outcome: 'provider_error' }), defaultRubric);
    expect(result).toEqual({ scores: {}, score: null, pass: null });
  });

  it('scores a Korean question reply with the forbid criterion applied', () => {
    const input = makeInput({ type: 'question', forbid: ['system'] }, question('몇 시에 만나나요?', '어디서 만나나요?'));
    const result = scoreTrial(input, defaultRubric);
    expect(result.score).toBe(1);
    expect(result.scores['question_form']?.score).toBe(1);
    expect(result.scores['forbid']?.score).toBe(1);
  });

  it('passes at exactly the threshold despite float noise', () => {
    // (0.1·1 + 0.7·1 + 0.2·0) / 1 is 0.7999999999999999 in doubles, meant as 0.8
    const rubric: Rubric = {
      passThreshold: 0.8,
      criteria: [
        { name: 'schema', weight: 0.1, gate: false },
        { name: 'mentions', weight: 0.7, gate: false },
        { name: 'forbid', weight: 0.2, gate: false },
      ],
    };
    const result = scoreTrial(makeInput({ type: 'invalid', mentions: ['x'], forbid: ['x'] }, invalid('x')), rubric);
    expect(result.score).toBeLessThan(0.8);
    expect(result.score).toBeCloseTo(0.8, 12);
    expect(result.pass).toBe(true);
  });

  it('keeps a criterion used twice under a suffixed key', () => {
    const rubric: Rubric = {
      passThreshold: 0.5,
      criteria: [
        { name: 'length', weight: 1, gate: false, maxChars: 80 },
        { name: 'length', weight: 1, gate: false, maxChars: 2 },
      ],
    };
    const result = scoreTrial(makeInput({ type: 'answer' }, answer('abc', 'ab')), rubric);
    expect(Object.keys(result.scores)).toEqual(['length', 'length#2']);
    expect(result.scores['length#2']?.score).toBe(0.5);
    expect(result.score).toBe(0.75);
  });

  it('is null when no criterion applies', () => {
    const rubric: Rubric = { passThreshold: 0.5, criteria: [{ name: 'mentions', weight: 1, gate: false }] };
    const result = scoreTrial(makeInput({ type: 'answer' }, answer('a', 'b')), rubric);
    expect(result.score).toBeNull();
    expect(result.pass).toBeNull();
    expect(result.scores['mentions']?.score).toBeNull();
  });

  it('leaves a case unscored when the judge failed, never a 0 or a pass', () => {
    const rubric: Rubric = {
      passThreshold: 0.7,
      criteria: [
        { name: 'schema', weight: 1, gate: true },
        { name: 'judge', weight: 1, gate: false, rubric: 'good?' },
      ],
    };
    const result = scoreTrial(makeInput({ type: 'answer' }, answer('a', 'b'), { judge: { error: 'bad JSON' } }), rubric);
    expect(result.score).toBeNull();
    expect(result.pass).toBeNull();
    expect(result.scores['judge']).toEqual({ score: null, reason: 'judge error: bad JSON', error: true });
  });

  it('a failed gate still makes the case 0 whatever the judge did', () => {
    const rubric: Rubric = { passThreshold: 0.7, criteria: [{ name: 'schema', weight: 1, gate: true }, { name: 'judge', weight: 1, gate: false }] };
    const result = scoreTrial(makeInput({ type: 'answer' }, null, { outcome: 'format_error', judge: { error: 'bad JSON' } }), rubric);
    expect(result.score).toBe(0);
    expect(result.pass).toBe(false);
  });
});
