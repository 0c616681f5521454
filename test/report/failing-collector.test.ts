import { describe, expect, it } from 'vitest';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { escapeCell } from '../../src/report/escape-markdown.ts';
import { createFailingCollector, EXCERPT_CHARS, selectFailingCases } from '../../src/report/failing-collector.ts';
import { makeResult } from './fixtures.ts';

const fail = (caseId: string, score: number, extra: Parameters<typeof makeResult>[0] = {}) =>
  makeResult({ caseId, score, pass: false, outcome: 'question', ...extra });

const providerError = (caseId: string, message = 'rate limited') =>
  makeResult({ caseId, outcome: 'provider_error', score: null, pass: null, raw: null, error: { status: 429, message } });

function collect(results: readonly TrialResult[], perCell?: number) {
  const collector = createFailingCollector(perCell);
  for (const result of results) collector.add(result);
  return collector.list();
}

describe.each([
  ['createFailingCollector', collect],
  ['selectFailingCases', selectFailingCases],
])('%s', (_name, select) => {
  it('keeps failures and provider errors, worst first, provider errors last, stable on ties', () => {
    const results = [
      makeResult({ caseId: 'ok' }),
      fail('c-mid', 0.5, { input: '회의 준비' }),
      providerError('c-err'),
      fail('c-zero-a', 0),
      fail('c-zero-b', 0),
    ];
    const picked = select(results);
    expect(picked.map((f) => f.caseId)).toEqual(['c-zero-a', 'c-zero-b', 'c-mid', 'c-err']);
    expect(picked[2]?.input).toBe('회의 준비');
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
    expect(select(results, 2).map((f) => [f.target, f.caseId, f.score])).toEqual([
      ['mock', 'a', 0.2],
      ['mock', 'c', 0.3],
      ['other', 'a', 0.1],
    ]);
    expect(select(results, 0)).toEqual([]);
  });

  it('prefers a scored failure of a case over its provider error, and keeps the first of equals', () => {
    const results = [providerError('a', 'timeout'), fail('a', 0.4, { raw: 'first' }), fail('a', 0.4, { raw: 'second' })];
    expect(select(results).map((f) => [f.outcome, f.excerpt])).toEqual([['question', 'first']]);
  });

  it('gives the lowest criteria reasons, worst first', () => {
    const [picked] = select([
      fail('x', 0, {
        raw: 'reply text',
        input: '이사 준비',
        scores: {
          schema: { score: 1, reason: 'valid' },
          type: { score: 0, reason: 'expected answer, got question' },
          count: { score: 0.5, reason: '1 item, wanted 2–7' },
          mentions: { score: null, reason: 'n/a' },
          language: { score: 0.9, reason: '90% Hangul' },
          unique: { score: 0.8, reason: 'one duplicate' },
        },
      }),
    ]);
    expect(picked?.reasons).toEqual(['type: expected answer, got question', 'count: 1 item, wanted 2–7', 'unique: one duplicate']);
    expect(picked?.input).toBe('이사 준비');
    expect(picked?.excerpt).toBe('reply text');
  });
});

describe('createFailingCollector memory', () => {
  // A 100k reply whose blank lines collapse when flattened: a prefix would not render the same.
  const raw = `첫 줄${'\n'.repeat(5_000)}${'가나다라마바사 | <b>'.repeat(7_000)}`;
  const longError = `upstream said: ${'x'.repeat(50_000)}`;

  it('keeps rows with texts cut to what the table shows, rendering as the whole would', () => {
    const collector = createFailingCollector();
    collector.add(fail('c', 0.2, { raw, input: `할 일 ${'긴 입력 '.repeat(100)}`, scores: { type: { score: 0, reason: longError } } }));
    collector.add(providerError('e', longError));
    const [row, error] = collector.list();
    const cutTo = (text: string | undefined, max: number) => text !== undefined && text.endsWith('…') && [...text].length <= max;
    expect(cutTo(row?.excerpt, EXCERPT_CHARS.reply)).toBe(true);
    expect(cutTo(row?.input, EXCERPT_CHARS.input)).toBe(true);
    expect(cutTo(row?.reasons[0], EXCERPT_CHARS.reason)).toBe(true);
    expect(cutTo(error?.excerpt, EXCERPT_CHARS.reply)).toBe(true);
    expect(cutTo(error?.reasons[0], EXCERPT_CHARS.reason)).toBe(true);
    expect(escapeCell(row?.excerpt ?? '', EXCERPT_CHARS.reply)).toBe(escapeCell(raw, EXCERPT_CHARS.reply));
    // Escaping reads a bounded prefix: 5,000 blank lines fill it, so the excerpt ends at the break.
    expect(row?.excerpt).toBe('첫 줄 ⏎…');
  });

  it('holds a copy, never the result, and one row per case however many repeats', () => {
    const collector = createFailingCollector(3);
    const results = Array.from({ length: 500 }, (_, repeat) => fail(`case-${repeat % 5}`, 0.9 - (repeat % 7) / 10, { repeat, raw }));
    for (const result of results) collector.add(result);
    for (const result of results) result.raw = 'changed after add';
    const rows = collector.list();
    expect(rows.map((r) => [r.caseId, r.score])).toEqual([
      ['case-0', expect.closeTo(0.3, 12)],
      ['case-1', expect.closeTo(0.3, 12)],
      ['case-2', expect.closeTo(0.3, 12)],
    ]);
    for (const r of rows) {
      expect(r.excerpt.startsWith('첫 줄')).toBe(true);
      expect(Object.keys(r).sort()).toEqual(['caseId', 'excerpt', 'expectedType', 'input', 'outcome', 'reasons', 'score', 'target', 'variant']);
    }
  });
});
