import { describe, expect, it } from 'vitest';
import { parseReply } from '../../src/parse/parse-reply.ts';
import { OUTCOMES, ReplySchema, type ParseResult } from '../../src/parse/reply-schema.ts';
import { createMulberry32 } from '../fake-server/with-faults.ts';

const MB = 1_000_000;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

/** Every result must be one well-formed outcome, whatever the input. */
function expectWellFormed(result: ParseResult): void {
  expect(OUTCOMES).toContain(result.outcome);
  if (result.outcome === 'format_error') {
    expect(result.reply).toBeNull();
    expect(result.error.length).toBeGreaterThan(0);
  } else if (result.outcome === 'schema_error') {
    expect(result.reply).toBeNull();
    expect(result.issues.length).toBeGreaterThan(0);
  } else {
    expect(ReplySchema.safeParse(result.reply).success).toBe(true);
    expect(result.reply.type).toBe(result.outcome);
  }
}

describe('parseReply: large replies', () => {
  const items = Array.from({ length: 20_000 }, (_, i) => `하위 투두 ${i} | \`x\` <b>`);

  it('parses a 1 MB JSON reply', () => {
    const content = items.map((subtodoContent, i) => ({ subtodoNumber: i + 1, subtodoContent }));
    const raw = JSON.stringify({ subtodos: { type: 'answer', content } });
    expect(raw.length).toBeGreaterThan(MB);
    expect(parseReply(raw)).toEqual({ outcome: 'answer', reply: { type: 'answer', items }, form: 'seed-json' });
  });

  it('parses a 1 MB XML reply', () => {
    const lines = [...items, ...items, ...items].map((t) => `- ${t}?`);
    const raw = `<subtodos type='question'>\n${lines.join('\n')}\n</subtodos>`;
    expect(raw.length).toBeGreaterThan(MB);
    const expected = [...items, ...items, ...items].map((t) => `${t}?`);
    expect(parseReply(raw)).toEqual({ outcome: 'question', reply: { type: 'question', items: expected }, form: 'xml' });
  });

  it('rejects 1 MB of random junk', () => {
    const random = createMulberry32(7);
    const raw = Array.from({ length: MB }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
    expectWellFormed(parseReply(raw));
    expect(parseReply(raw).outcome).toBe('format_error');
  });

  // Inputs that would make a backtracking regex or a rescan-per-brace parser quadratic. There is no
  // timing assert; the per-test timeout is the guard (a quadratic pass over 1 MB takes minutes).
  const pathological: { name: string; raw: string; outcome: ParseResult['outcome'] }[] = [
    { name: 'open braces', raw: fill('{'), outcome: 'format_error' },
    { name: 'open brace and quote', raw: fill('{"'), outcome: 'format_error' },
    { name: 'empty objects', raw: fill('{}'), outcome: 'format_error' },
    { name: 'small non-reply objects', raw: fill('{"a":1}'), outcome: 'format_error' },
    { name: 'unclosed reply objects', raw: fill('{"type":"answer","items":["a",'), outcome: 'format_error' },
    { name: 'deep nesting', raw: `${'{"a":'.repeat(MB / 10)}1${'}'.repeat(MB / 10)}`, outcome: 'format_error' },
    { name: 'unclosed <subtodos> tags', raw: fill("<subtodos type='answer'>"), outcome: 'format_error' },
    { name: 'unclosed <thinking> tags', raw: fill('<thinking>'), outcome: 'format_error' },
    { name: 'orphan </thinking> tags', raw: fill('</thinking>'), outcome: 'format_error' },
    { name: 'empty fences', raw: fill('```\n'), outcome: 'format_error' },
    { name: 'fences of broken JSON', raw: fill('```json\n{"type":"answer"\n```\n'), outcome: 'format_error' },
    { name: 'backslashes in strings', raw: fill('{"\\'), outcome: 'format_error' },
    { name: 'many objects, then the reply', raw: `${fill('{"a":1} ')}{"type":"answer","items":["a"]}`, outcome: 'answer' },
  ];

  it.each(pathological)('$name → $outcome', { timeout: 5_000 }, ({ raw, outcome }) => {
    const result = parseReply(raw);
    expectWellFormed(result);
    expect(result.outcome).toBe(outcome);
  });
});

describe('parseReply: never throws', () => {
  const strange: { name: string; raw: string }[] = [
    { name: 'NUL and replacement chars', raw: '\u0000\ufffd\ufffd\u0000\u0001' },
    { name: 'lone surrogates', raw: '\ud800\udc00\udfff{"\ud800":"\udc00"}' },
    { name: 'bytes decoded as latin1', raw: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x7b, 0x22]).toString('latin1') },
    { name: 'invalid UTF-8 decoded', raw: Buffer.from([0xff, 0xfe, 0x7b, 0xc3, 0x28, 0x7d]).toString('utf8') },
    { name: 'prototype-polluting keys', raw: '{"__proto__":{"type":"answer"},"constructor":1,"type":"answer","items":["a"]}' },
    { name: 'JSON literals', raw: 'null true 123 "str" []' },
    { name: 'a huge number', raw: '{"type":"answer","items":["a"],"n":1e999999}' },
  ];

  it.each(strange)('$name', ({ raw }) => {
    expectWellFormed(parseReply(raw));
  });

  it('treats a non-string at runtime as a format_error', () => {
    expect(parseReply(undefined as unknown as string)).toEqual({ outcome: 'format_error', reply: null, error: 'empty reply' });
  });

  it('survives random token soup (fixed seed)', () => {
    const tokens = ['{', '}', '[', ']', '"', '\\', ':', ',', '\n', ' ', 'type', 'answer', 'question', 'invalid', 'items',
      'subtodos', 'content', '"type":"answer"', '"items":["a"]', "<subtodos type='answer'>", '</subtodos>', '<thinking>',
      '</thinking>', '```json\n', '```\n', '1. ', '- ', '한국어 할 일', '\u0000', '\ufffd', '‘', '”', '<item>', '</item>'];
    const random = createMulberry32(20240825);
    for (let n = 0; n < 3_000; n++) {
      const length = Math.floor(random() * 40);
      let raw = '';
      for (let t = 0; t < length; t++) raw += random() < 0.1 ? String.fromCharCode(Math.floor(random() * 0x10000)) : tokens[Math.floor(random() * tokens.length)];
      expectWellFormed(parseReply(raw));
    }
  });

  it('survives every truncation of valid replies', () => {
    const replies = [
      JSON.stringify({ subtodos: { type: 'answer', content: [{ subtodoNumber: 1, subtodoContent: '선물 "사기"' }, { subtodoNumber: 2, subtodoContent: '출발\\하기' }] } }),
      "<thinking>{x}</thinking>\n<subtodos type=‘question’>\n1. 언제?\n2. 어디서?\n</subtodos>",
      '```json\n{"type":"invalid","message":"적합한 투두 형식이 아닙니다."}\n```',
    ];
    for (const reply of replies) {
      for (let cut = 0; cut <= reply.length; cut++) expectWellFormed(parseReply(reply.slice(0, cut)));
      expect(parseReply(reply).outcome).not.toMatch(/error/);
    }
  });
});
