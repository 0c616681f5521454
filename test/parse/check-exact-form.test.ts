import { describe, expect, it } from 'vitest';
import { isExactForm, type DeclaredForm } from '../../src/parse/check-exact-form.ts';
import { parseReply } from '../../src/parse/parse-reply.ts';

const json: DeclaredForm = { form: 'json', thinking: false };
const jsonThinking: DeclaredForm = { form: 'json', thinking: true };
const seed: DeclaredForm = { form: 'seed-json', thinking: false };
const xml: DeclaredForm = { form: 'xml', thinking: false };

const PLAIN = '{"type":"answer","items":["짐 싸기","이삿짐센터 예약하기"]}';
const SEED = JSON.stringify({ type: 'answer', content: [{ subtodoNumber: 1, subtodoContent: '짐 싸기' }] });
const XML = "<subtodos type='answer'>\n1. 짐 싸기\n2. 이삿짐센터 예약하기\n</subtodos>";

describe('isExactForm', () => {
  it.each([
    ['plain json as declared', PLAIN, json],
    ['plain json refusal', '{"type":"invalid","message":"적합한 투두 형식이 아닙니다."}', json],
    ['json after the reasoning the prompt asks for', `<thinking>정보가 충분하다.</thinking>\n${PLAIN}`, jsonThinking],
    ['seed json', SEED, seed],
    ['seed json under its subtodos wrapper', JSON.stringify({ subtodos: JSON.parse(SEED) as unknown }), seed],
    ['seed json refusal', '{"type":"invalid","content":"적합한 투두 형식이 아닙니다."}', seed],
    ['xml', XML, xml],
    ['xml refusal', '<subtodos type="invalid">적합한 투두 형식이 아닙니다.</subtodos>', xml],
    ['surrounding whitespace', `\n  ${PLAIN}\n`, json],
  ])('%s is exact', (_name, raw, declared) => {
    expect(isExactForm(raw, declared)).toBe(true);
  });

  it.each([
    ['json in a code fence', '```json\n' + PLAIN + '\n```', json],
    ['json after prose', `다음과 같습니다.\n${PLAIN}`, json],
    ['json followed by a sign-off', `${PLAIN}\n도움이 되길 바랍니다!`, json],
    ['reasoning the prompt did not ask for', `<thinking>음</thinking>${PLAIN}`, json],
    ['the seed form where plain json was declared', SEED, json],
    ['plain json where the seed form was declared', PLAIN, seed],
    ['xml where json was declared', XML, json],
    ['json where xml was declared', PLAIN, xml],
    ['extra keys', '{"type":"answer","items":["a"],"reasoning":"x"}', json],
    ['trailing comma (only the lenient parser forgives it)', '{"type":"answer","items":["a",]}', json],
    ['a list that is one string', '{"type":"answer","items":"짐 싸기, 예약하기"}', json],
    ['seed items without numbers', '{"type":"answer","content":[{"subtodoContent":"a"}]}', seed],
    ['xml lines without numbers', "<subtodos type='answer'>\n짐 싸기\n</subtodos>", xml],
    ['xml with <item> children', "<subtodos type='answer'><item>짐 싸기</item></subtodos>", xml],
    ['xml after prose', `답변입니다.\n${XML}`, xml],
    ['an unknown type', '{"type":"maybe","items":["a"]}', json],
    ['empty', '   ', json],
  ])('%s is salvaged', (_name, raw, declared) => {
    expect(isExactForm(raw, declared)).toBe(false);
  });
});

describe('parseReply records the form it found', () => {
  it.each([
    [PLAIN, 'json'],
    [SEED, 'seed-json'],
    [XML, 'xml'],
    ['{"type":"answer","subtodos":["a","b"]}', 'json-other'],
    ['```json\n' + SEED + '\n```', 'seed-json'],
  ])('%s → %s', (raw, form) => {
    const parsed = parseReply(raw);
    expect(parsed.outcome).not.toBe('format_error');
    expect('form' in parsed ? parsed.form : null).toBe(form);
  });
});
