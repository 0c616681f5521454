import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/config/yaml-source.ts';

const uses = (n: number) => `base: &t [home]\nlist:\n${Array.from({ length: n }, () => '  - *t\n').join('')}`;

describe('parseYaml with anchors and aliases', () => {
  it.each([
    ['an alias of an earlier anchor', 'a: &x { k: 1 }\nb: *x\n', { a: { k: 1 }, b: { k: 1 } }],
    ['an anchor used 99 times (100 copies, the limit)', uses(99), { base: ['home'], list: Array.from({ length: 99 }, () => ['home']) }],
    ['a quoted "*" that is text, not an alias', 'mentions: ["*급함"]\n', { mentions: ['*급함'] }],
  ])('expands %s', (_name, text, data) => {
    const parsed = parseYaml(text, 'f.yaml');
    expect(parsed.ok && parsed.source.data).toEqual(data);
  });

  it.each([
    ['an alias before its anchor', 'a: *x\nb: &x 1\n', 1, 'unknown alias *x (set the anchor &x before it, or quote the text if "*x" is meant literally)'],
    ['an alias in a flow list', 'tags:\n  - ok\nmentions: [급함, *급함]\n', 3, 'unknown alias *급함 (set the anchor &급함 before it, or quote the text if "*급함" is meant literally)'],
    ['an anchor used 100 times', uses(100), 102, 'aliases expand to too many copies (over 100 of one anchor; aliases inside aliases multiply): write the values out'],
    ['aliases of aliases', `a: &a [1, 2, 3, 4, 5]\nb: &b [*a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c]\n`, 3, 'aliases expand to too many copies (over 100 of one anchor; aliases inside aliases multiply): write the values out'],
  ])('reports %s as bad YAML on its line, without throwing', (_name, text, line, message) => {
    expect(parseYaml(text, 'f.yaml')).toEqual({ ok: false, problems: [{ file: 'f.yaml', line, message: `bad YAML: ${message}` }] });
  });
});
