import { describe, expect, it } from 'vitest';
import { makeRedactor } from '../../src/run/providers/redact.ts';

const SHORT = 'k3y-7ch'; // 7 characters
const QUOTED = 'ab"cd\\ef/gh ij+kl&mn';

describe('makeRedactor', () => {
  it.each([
    ['as is', (k: string) => `key: ${k}.`],
    ['JSON-escaped', (k: string) => `{"error":{"message":"bad key ${JSON.stringify(k).slice(1, -1)}"}}`],
    ['JSON-escaped twice (a JSON body quoted in another)', (k: string) => JSON.stringify({ body: JSON.stringify({ key: k }) })],
    ['percent-encoded', (k: string) => `GET /v1?key=${encodeURIComponent(k)}&x=1`],
    ['percent-encoded in lower case', (k: string) => `GET /v1?key=${encodeURIComponent(k).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`],
    ['form-encoded (+ for a space)', (k: string) => `key=${encodeURIComponent(k).replaceAll('%20', '+')}`],
  ])('removes a key with quotes, backslashes and spaces when echoed %s', (_how, echo) => {
    const redact = makeRedactor([QUOTED]);
    const out = redact(echo(QUOTED));
    expect(out).toContain('[redacted]');
    for (const part of ['ab', 'cd', 'ef', 'gh', 'kl', 'mn']) expect(out.replace('[redacted]', '')).not.toContain(`${part}`);
  });

  it.each([
    ['as is', (k: string) => `your key ${k} is wrong`],
    ['JSON-escaped', (k: string) => JSON.stringify({ key: k })],
    ['percent-encoded', (k: string) => `?key=${encodeURIComponent(k)}`],
  ])('removes a short (7-character) key echoed %s', (_how, echo) => {
    expect(makeRedactor([SHORT])(echo(SHORT))).not.toContain(SHORT);
  });

  it('leaves text alone when no key of at least 4 characters is in use, and keeps the key-shaped patterns', () => {
    const redact = makeRedactor(['x', undefined]);
    expect(redact('x marks the spot')).toBe('x marks the spot');
    expect(redact('Authorization: Bearer abcdefgh12345678, key sk-proj-abcdefgh1234')).toBe('Authorization: Bearer [redacted], key [redacted]');
  });

  it('removes every key in use, the longer first when one contains another', () => {
    const redact = makeRedactor(['secret-one', 'secret-one-and-more']);
    expect(redact('a secret-one-and-more b secret-one c')).toBe('a [redacted] b [redacted] c');
  });
});
