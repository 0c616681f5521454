import { describe, expect, it } from 'vitest';
import { selectFailingCases } from '../../src/report/select-failing-cases.ts';
import { makeResult } from './fixtures.ts';

const fail = (caseId: string, score: number, extra: Parameters<typeof makeResult>[0] = {}) =>
  makeResult({ caseId, score, pass: false, outcome: 'question', ...extra });

describe('selectFailingCases', () => {
  it('keeps failures and provider errors, worst first, provider errors last, stable on ties', () => {
    const results = [
      makeResult({ caseId: 'ok' }),
      fail('c-mid', 0.5),
      makeResult({
        caseId: 'c-err',
        outcome: 'provider_error',
        score: null,
        pass: null,
        raw: null,
        error: { status: 429, message: 'rate limited' },
      }),
      fail('c-zero-a', 0),
      fail('c-zero-b', 0),
    ];
    const picked = selectFailingCases(results, { 'c-mid': '회의 준비' });
    expect(picked.map((f) => f.caseId)).toEqual(['c-zero-a', 'c-zero-b', 'c-mid', 'c-err']);
    expect(picked[2]?.input).toBe('회의 준비');
    expect(picked[0]?.input).toBe('');
    const error = picked[3];
    expect(error?.reasons).toEqual(['rate limited']);
    expect(error?.excerpt).toBe('rate limited');
  });

  it('caps per cell and shows a case once, by its worst repeat', () => {
    const results = [
      fail('a', 0.6, { repeat: 0 }),
      fail('a', 0.2, { repeat: 1 }),
      fail('b', 0.4),
      fail('c', 0.3),
      fail('a', 0.1, { target: 'other' }),
    ];
    const picked = selectFailingCases(results, new Map(), 2);
    expect(picked.map((f) => [f.target, f.caseId, f.score])).toEqual([
      ['mock', 'a', 0.2],
      ['mock', 'c', 0.3],
      ['other', 'a', 0.1],
    ]);
  });

  it('gives the lowest criteria reasons, worst first, and reads inputs from a Map', () => {
    const [picked] = selectFailingCases(
      [
        fail('x', 0, {
          raw: 'reply text',
          scores: {
            schema: { score: 1, reason: 'valid' },
            type: { score: 0, reason: 'expected answer, got question' },
            count: { score: 0.5, reason: '1 item, wanted 2–7' },
            mentions: { score: null, reason: 'n/a' },
            language: { score: 0.9, reason: '90% Hangul' },
            unique: { score: 0.8, reason: 'one duplicate' },
          },
        }),
      ],
      new Map([['x', '이사 준비']]),
    );
    expect(picked?.reasons).toEqual(['type: expected answer, got question', 'count: 1 item, wanted 2–7', 'unique: one duplicate']);
    expect(picked?.input).toBe('이사 준비');
    expect(picked?.excerpt).toBe('reply text');
  });
});
