import { describe, expect, it } from 'vitest';
import { memoizeText } from '../../src/text/memoize-text.ts';

describe('memoizeText', () => {
  it('computes each text once while it is remembered, and the same value after', () => {
    const seen: string[] = [];
    const length = memoizeText((text) => {
      seen.push(text);
      return text.length;
    });
    expect([length('하기'), length('정리하기'), length('하기')]).toEqual([2, 4, 2]);
    expect(seen).toEqual(['하기', '정리하기']);
  });

  it('starts afresh past its bound, so memory stays flat', () => {
    let computed = 0;
    const upper = memoizeText((text) => {
      computed++;
      return text.toUpperCase();
    }, 3);
    for (const text of ['a', 'b', 'c', 'd', 'a']) upper(text);
    // a, b, c fill it; d clears it; a is computed again.
    expect(computed).toBe(5);
    expect(upper('d')).toBe('D');
    expect(computed).toBe(5);
  });
});
