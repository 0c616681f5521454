import { describe, expect, it } from 'vitest';
import { parsePreference, parseVerdict } from '../../src/judge/index.ts';
import { RUBRIC, verdictText } from '../support/judge-fixtures.ts';

const dims = RUBRIC.dimensions.invalid; // refuses, no_answer
const good = verdictText('invalid', 2, { no_answer: 1 });

describe('parseVerdict: exactly one verdict object, every dimension, nothing else', () => {
  it.each([
    { name: 'bare JSON', text: good },
    { name: 'in a code fence after a sentence', text: `채점했습니다.\n\`\`\`json\n${good}\n\`\`\`` },
    { name: 'braces in the prose before it', text: `{참고} 응답은 {좋음}.\n${good}` },
    { name: 'a draft inside <thinking>, the verdict after it', text: `<thinking>${verdictText('invalid', 0)}</thinking>\n${good}` },
    { name: 'the same object twice', text: `${good}\n${good}` },
    { name: 'a trailing comma', text: good.replace(/}}$/, '},}') },
  ])('accepts $name', ({ text }) => {
    expect(parseVerdict(text, dims)).toEqual({
      ok: true,
      dimensions: { refuses: { reason: 'refuses 근거', level: 2 }, no_answer: { reason: 'no_answer 근거', level: 1 } },
    });
  });

  it.each([
    { name: 'no JSON at all', text: '좋은 응답입니다. 9점.', error: 'the judge\'s reply has no JSON object with "dimensions"' },
    { name: 'two different verdicts', text: `${verdictText('invalid', 2)}\n${verdictText('invalid', 1)}`, error: 'the judge\'s reply holds 2 different objects with "dimensions"; exactly one is allowed' },
    { name: 'a level outside 0–2', text: verdictText('invalid', 3), error: /^the judge's verdict does not fit the rubric: dimensions\.refuses\.level: / },
    { name: 'a level as a string', text: good.replace('"level":2', '"level":"2"'), error: /dimensions\.refuses\.level/ },
    { name: 'a missing dimension', text: '{"dimensions": {"refuses": {"reason": "ok", "level": 2}}}', error: /dimensions\.no_answer: / },
    { name: 'an unknown dimension', text: good.replace('"refuses":', '"polite":{"reason":"x","level":2},"refuses":'), error: /^the judge's verdict does not fit the rubric: dimensions: unknown key\(s\) polite$/ },
    { name: 'the dimensions of another reply type', text: verdictText('answer', 2), error: /dimensions\.refuses: / },
    { name: 'an empty reason', text: good.replace('"refuses 근거"', '""'), error: /dimensions\.refuses\.reason/ },
    { name: 'a score instead of dimensions', text: '{"score": 0.8, "reason": "fine"}', error: 'the judge\'s reply has no JSON object with "dimensions"' },
    { name: 'extra keys beside dimensions', text: good.replace(/^{/, '{"overall": 0.9, '), error: /unknown key\(s\) overall/ },
    { name: 'a verdict cut off', text: good.slice(0, 40), error: 'the judge\'s JSON object is never closed (reply cut off?)' },
    { name: 'broken JSON', text: '{"dimensions": {"refuses": {reason: ok}}}', error: /^the judge's reply is not valid JSON/ },
  ])('refuses $name', ({ text, error }) => {
    const parsed = parseVerdict(text, dims);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('never reads a verdict from "the first { to the last }"', () => {
    // Old parser: text from the first `{` to the last `}` — here that span is not one object.
    expect(parseVerdict(`{"note": 1} 그리고 ${good}`, dims).ok).toBe(true);
    expect(parseVerdict(`{"dimensions": {}} ${good}`, dims)).toMatchObject({ ok: false, error: /2 different objects/ });
  });
});

describe('parsePreference', () => {
  it('reads a winner by position and refuses anything else', () => {
    expect(parsePreference('{"reason": "A가 구체적이다", "winner": "A"}')).toEqual({ ok: true, winner: 'A', reason: 'A가 구체적이다' });
    expect(parsePreference('{"reason": "비슷하다", "winner": "tie"}')).toMatchObject({ ok: true, winner: 'tie' });
    expect(parsePreference('{"reason": "x", "winner": "a"}')).toMatchObject({ ok: false, error: /winner/ });
    expect(parsePreference('A가 낫다')).toMatchObject({ ok: false });
  });
});
