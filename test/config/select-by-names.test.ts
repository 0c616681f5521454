import { describe, expect, it } from 'vitest';
import { globToRegExp, selectByNames } from '../../src/config/select-by-names.ts';

describe('globToRegExp', () => {
  it.each([
    ['seed-*', 'seed-v1', true],
    ['seed-*', 'seed-', true],
    ['seed-*', 'xseed-v1', false],
    ['v?', 'v2', true],
    ['v?', 'v10', false],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['openai:gpt-4.1-mini', 'openai:gpt-4.1-mini', true],
    ['(x)+', '(x)+', true],
  ])('%s matches %s: %s', (pattern, id, matches) => {
    expect(globToRegExp(pattern).test(id)).toBe(matches);
  });
});

describe('selectByNames', () => {
  const items = [{ id: 'v1' }, { id: 'seed-a' }, { id: 'seed-b' }];

  it.each<[string, string[] | undefined, string[]]>([
    ['no patterns: everything', undefined, ['v1', 'seed-a', 'seed-b']],
    ['an empty list: everything', [], ['v1', 'seed-a', 'seed-b']],
    ['names and globs, in the items\' order', ['seed-*', 'v1'], ['v1', 'seed-a', 'seed-b']],
    ['overlapping patterns pick once', ['seed-a', 'seed-*'], ['seed-a', 'seed-b']],
  ])('%s', (_name, patterns, ids) => {
    const { selected, problems } = selectByNames(items, patterns, 'variant');
    expect(selected.map((i) => i.id)).toEqual(ids);
    expect(problems).toEqual([]);
  });

  it('names each pattern that matches nothing, with the known ids', () => {
    expect(selectByNames(items, ['v1', 'x*'], 'variant').problems).toEqual([{ file: '--variants', message: 'unknown variant "x*" (known: v1, seed-a, seed-b)' }]);
    expect(selectByNames([], ['mock'], 'target').problems).toEqual([{ file: '--targets', message: 'unknown target "mock" (known: none)' }]);
  });
});
