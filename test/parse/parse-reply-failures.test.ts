import { describe, expect, it } from 'vitest';
import { parseReply } from '../../src/parse/parse-reply.ts';

const formatErrors: { name: string; raw: string; error: RegExp }[] = [
  { name: 'empty string', raw: '', error: /empty reply/ },
  { name: 'whitespace only', raw: ' \n\t  \r\n', error: /empty reply/ },
  { name: 'plain prose', raw: 'Sure! First buy a gift, then go to 아스네 집.', error: /no JSON object or <subtodos>/ },
  { name: 'a numbered list with no structure', raw: '1. 선물 사기\n2. 출발하기', error: /no JSON object or <subtodos>/ },
  { name: 'prose with {braces}', raw: 'Use {todo} and {examples} here {}.', error: /no JSON object or <subtodos>/ },
  { name: 'binary junk', raw: '\u0000\ufffd\u0001\u0002\ufffd\ud800PK\u0003\u0004\u00ff', error: /no JSON object or <subtodos>/ },
  { name: 'truncated JSON', raw: '{"type":"answer","items":["아스한테 확인하기","출발', error: /never closed/ },
  {
    name: 'truncated seed JSON (complete item objects inside)',
    raw: '{"subtodos":{"type":"answer","content":[{"subtodoNumber":1,"subtodoContent":"a"},{"subtodoNumber":2,',
    error: /never closed/,
  },
  { name: 'truncated fenced JSON', raw: '```json\n{"type":"answer","items":["a",', error: /never closed/ },
  { name: 'malformed JSON', raw: '{"type": "answer", "items": ["a" "b"]}', error: /JSON did not parse/ },
  { name: 'JSON that is not a reply', raw: '{"role":"assistant","content":"hi"}', error: /no JSON object or <subtodos>/ },
  { name: 'a JSON array of strings', raw: '["a","b"]', error: /no JSON object or <subtodos>/ },
  { name: 'unclosed <subtodos>', raw: "<subtodos type='answer'>\n1. a\n2. b", error: /<subtodos> element is never closed/ },
  {
    name: 'a broken answer after reasoning is not replaced by the draft inside it',
    raw: '<thinking>{"type":"answer","items":["a"]}</thinking>\n{"type":"answer","items":["a"',
    error: /never closed/,
  },
  { name: 'only reasoning, no answer', raw: '<thinking>the user wants a plan</thinking>', error: /no JSON object or <subtodos>/ },
];

const schemaErrors: { name: string; raw: string; path: (string | number)[] }[] = [
  { name: 'unknown type', raw: '{"type":"maybe","items":["a"]}', path: ['type'] },
  { name: 'type that is not a string', raw: '{"type":1,"items":["a"]}', path: ['type'] },
  { name: 'missing type, bare subtodos list', raw: '{"subtodos":["a","b"]}', path: ['type'] },
  { name: 'missing type, items', raw: '{"items":["a"]}', path: ['type'] },
  { name: 'XML without a type attribute', raw: '<subtodos>\n1. a\n</subtodos>', path: ['type'] },
  { name: 'XML with an unknown type', raw: "<subtodos type='plan'>\n1. a\n</subtodos>", path: ['type'] },
  { name: 'empty items list', raw: '{"type":"answer","items":[]}', path: ['items'] },
  { name: 'items that clean to nothing', raw: '{"type":"answer","items":["1. ", "  ", "-"]}', path: ['items'] },
  { name: 'empty XML answer', raw: "<subtodos type='answer'>\n\n</subtodos>", path: ['items'] },
  { name: 'missing items', raw: '{"type":"question"}', path: ['items'] },
  { name: 'items not a list', raw: '{"type":"answer","items":{"a":1}}', path: ['items'] },
  // The app shows a string as one item: a list that is not a list is not salvaged.
  { name: 'seed content as one string', raw: '{"type":"answer","content":"짐 싸기, 이삿짐센터 예약하기"}', path: ['items'] },
  { name: 'items as one multi-line string', raw: JSON.stringify({ type: 'answer', content: '1. a\n2. b\n\n3. c' }), path: ['items'] },
  { name: 'questions as one string', raw: '{"type":"question","questions":"언제 가나요? 누구와 가나요?"}', path: ['items'] },
  { name: 'item that is a number', raw: '{"type":"answer","items":["a",2]}', path: ['items', 1] },
  { name: 'item object without text', raw: '{"type":"answer","content":[{"subtodoNumber":1}]}', path: ['items', 0] },
  { name: 'invalid without a message', raw: '{"type":"invalid"}', path: ['message'] },
  { name: 'invalid with an empty message', raw: '{"type":"invalid","message":"  "}', path: ['message'] },
  { name: 'invalid with an empty XML body', raw: "<subtodos type='invalid'> </subtodos>", path: ['message'] },
];

describe('parseReply: format_error', () => {
  it.each(formatErrors)('$name', ({ raw, error }) => {
    const result = parseReply(raw);
    expect(result.outcome).toBe('format_error');
    expect(result.reply).toBeNull();
    if (result.outcome === 'format_error') expect(result.error).toMatch(error);
  });
});

describe('parseReply: schema_error', () => {
  it.each(schemaErrors)('$name', ({ raw, path }) => {
    const result = parseReply(raw);
    expect(result.outcome).toBe('schema_error');
    if (result.outcome !== 'schema_error') return;
    expect(result.reply).toBeNull();
    expect(result.issues.map((i) => i.path)).toContainEqual(path);
    expect(result.issues.every((i) => typeof i.message === 'string' && i.message !== '')).toBe(true);
    expect(result.error).toMatch(/^reply does not fit the schema: /);
    expect(result.error).not.toMatch(/\n/);
  });

  it('keeps issues as plain serializable data', () => {
    const result = parseReply('{"type":"answer","items":[1,2,3,4,5]}');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    if (result.outcome !== 'schema_error') throw new Error(`unexpected ${result.outcome}`);
    expect(result.issues).toHaveLength(5);
    expect(result.issues[0]).toEqual({ path: ['items', 0], message: 'Invalid input: expected string, received number' });
    expect(result.error).toContain('(+2 more)');
  });

  it('prefers a schema_error outside reasoning to a valid draft inside it', () => {
    const raw = '<thinking>{"type":"answer","items":["a"]}</thinking>{"type":"maybe","items":["a"]}';
    expect(parseReply(raw).outcome).toBe('schema_error');
  });
});
