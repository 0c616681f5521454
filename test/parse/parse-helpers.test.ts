import { describe, expect, it } from 'vitest';
import { cleanItem } from '../../src/parse/clean-item.ts';
import { extractFencedBlocks } from '../../src/parse/extract-fenced-blocks.ts';
import { findElements } from '../../src/parse/find-elements.ts';
import { parseLenientJson } from '../../src/parse/parse-lenient-json.ts';
import { scanObjectSpans } from '../../src/parse/scan-object-spans.ts';
import { stripReasoning } from '../../src/parse/strip-reasoning.ts';

describe('cleanItem', () => {
  it.each([
    ['  1. 선물 사기 ', '선물 사기'],
    ['2) 출발', '출발'],
    ['(3) 확인', '확인'],
    ['10.a', 'a'],
    ['- 항목', '항목'],
    ['* 항목', '항목'],
    ['•항목', '항목'],
    ['③ 항목', '항목'],
    ['1. 2. 둘째', '2. 둘째'],
    ['1.5시간 운동', '1.5시간 운동'],
    ['2024. 8. 25까지 제출', '2024. 8. 25까지 제출'],
    ['-5도 이하', '-5도 이하'],
    ['1.', ''],
    ['-', ''],
    ['<script>x</script>', '<script>x</script>'],
  ])('%j → %j', (input, expected) => {
    expect(cleanItem(input)).toBe(expected);
  });
});

describe('scanObjectSpans', () => {
  const spansOf = (text: string) => {
    const scan = scanObjectSpans(text);
    return { objects: scan.starts.map((s, k) => text.slice(s, scan.ends[k])), unclosed: scan.firstUnclosed !== null };
  };

  it.each([
    { text: 'a {"x":1} b {"y":{"z":2}}', objects: ['{"x":1}', '{"y":{"z":2}}'], unclosed: false },
    { text: '{"s":"} { \\" }"}', objects: ['{"s":"} { \\" }"}'], unclosed: false },
    // A quoted brace in prose flips the string state; findJsonReply rescans after it.
    { text: 'say "{" then {"a":1}', objects: [], unclosed: true },
    { text: 'stray { brace {"a":1} {"b":2}', objects: ['{"a":1}', '{"b":2}'], unclosed: true },
    { text: '{"a":"unterminated\n} {"b":1}', objects: ['{"a":"unterminated\n}', '{"b":1}'], unclosed: false },
    { text: '{"a":[1,2', objects: [], unclosed: true },
    { text: '}}} no objects', objects: [], unclosed: false },
  ])('$text', ({ text, objects, unclosed }) => {
    expect(spansOf(text)).toEqual({ objects, unclosed });
  });
});

describe('extractFencedBlocks', () => {
  it('finds fenced bodies, one-line fences and an unclosed last block', () => {
    const text = 'a\n```json\n{"x":1}\n```\nb\n~~~\n<t/>\n~~~\n```json {"y":2}```\n```\n{"z":';
    expect(extractFencedBlocks(text).map((b) => b.body)).toEqual(['{"x":1}\n', '<t/>\n', '{"y":2}', '{"z":']);
  });

  it('ignores ``` that does not start a line', () => {
    expect(extractFencedBlocks('{"items":["use ```code``` here"]}')).toEqual([]);
  });
});

describe('findElements', () => {
  it('pairs tags case-insensitively and reports unclosed ones', () => {
    const text = "<A x='1'>one</a> <b>two</B> <a>three";
    const scan = findElements(text, ['a', 'b']);
    expect(scan.elements.map((e) => [e.name, e.attrs, text.slice(e.innerStart, e.innerEnd)])).toEqual([
      ['a', " x='1'", 'one'],
      ['b', '', 'two'],
    ]);
    expect(scan.unclosed).toEqual([{ name: 'a', start: 28 }]);
  });

  it('does not take <subtodos> for <subtodo>', () => {
    expect(findElements('<subtodos>x</subtodos>', ['subtodo']).elements).toEqual([]);
  });
});

describe('stripReasoning', () => {
  it.each([
    ['no tags', 'no tags'],
    ['<thinking>a {x}</thinking>B', 'B'],
    ['A<Reasoning>r</Reasoning>B<think>t</think>C', 'A\nB\nC'],
    ['A<thinking>never closed {', 'A\n'],
    ['drafted {x\n</think>\nB', '\nB'],
  ])('%j → %j', (input, expected) => {
    expect(stripReasoning(input)).toBe(expected);
  });
});

describe('parseLenientJson', () => {
  it.each([
    ['{"a":[1,2,],}', { ok: true, value: { a: [1, 2] } }],
    ['{"a":", }"}', { ok: true, value: { a: ', }' } }],
    ['[1 2]', { ok: false }],
  ])('%j', (text, expected) => {
    expect(parseLenientJson(text)).toMatchObject(expected);
  });
});
