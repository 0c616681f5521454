import { describe, expect, it } from 'vitest';
import type { FakeReply, FaultKind, RecordedRequest } from './fake-types.ts';
import { estimateTokens, readPromptTexts } from './read-request.ts';
import { echoResponder, scriptedResponder, withLatency } from './responders.ts';
import { createMulberry32, pickFault, withFaults } from './with-faults.ts';

const requestWith = (lastUserText: string, attempt = 1): RecordedRequest => ({
  api: 'anthropic',
  path: '/v1/messages',
  headers: {},
  body: { messages: [{ role: 'user', content: lastUserText }] },
  lastUserText,
  systemText: '',
  attempt,
});

describe('readPromptTexts', () => {
  it('reads OpenAI system, developer and the last user message, string or parts', () => {
    const body = {
      messages: [
        { role: 'system', content: 'S1' },
        { role: 'developer', content: [{ type: 'text', text: 'S2' }] },
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'reply' },
        { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url' }, { type: 'text', text: 'b' }] },
      ],
    };
    expect(readPromptTexts('openai', body)).toEqual({
      lastUserText: 'a\nb',
      systemText: 'S1\n\nS2',
      allText: 'S1\n\nS2\nfirst\nreply\na\nb',
    });
  });

  it('reads the Anthropic top-level system, as a string or blocks', () => {
    const messages = [{ role: 'user', content: [{ type: 'text', text: 'todo' }] }];
    expect(readPromptTexts('anthropic', { system: 'S', messages })).toMatchObject({ lastUserText: 'todo', systemText: 'S' });
    expect(readPromptTexts('anthropic', { system: [{ type: 'text', text: 'S' }], messages }).systemText).toBe('S');
  });

  it.each([null, 3, 'text', { messages: 'nope' }])('reads nothing from %j', (body) => {
    expect(readPromptTexts('openai', body)).toEqual({ lastUserText: '', systemText: '', allText: '' });
  });
});

describe('estimateTokens', () => {
  it.each([
    ['', 1],
    ['abcd', 1],
    ['abcdefgh', 2],
    ['장보기', 3],
    ['go 장보기', 4],
  ])('counts %j as %i tokens', (text, expected) => {
    expect(estimateTokens(text)).toBe(expected);
  });
});

describe('echoResponder and scriptedResponder', () => {
  it('echoes the last user text, or a custom text', () => {
    expect(echoResponder()(requestWith('hi'))).toEqual({ text: 'hi' });
    expect(echoResponder((req) => req.api)(requestWith('hi'))).toEqual({ text: 'anthropic' });
  });

  const scripted = scriptedResponder(
    [
      { match: '친구', reply: { text: 'friend' } },
      { match: /^\d+$/g, reply: (req) => ({ text: `number ${req.lastUserText}` }) },
      { match: 'boom', reply: { fault: 'reset' } },
    ],
    { text: 'fallback' },
  );
  it.each<[string, FakeReply]>([
    ['친구랑 약속', { text: 'friend' }],
    ['42', { text: 'number 42' }],
    ['42', { text: 'number 42' }], // a /g pattern matches again: no lastIndex state
    ['boom!', { fault: 'reset' }],
    ['other', { text: 'fallback' }],
  ])('replies to %j with %j', async (text, expected) => {
    expect(await scripted(requestWith(text))).toEqual(expected);
  });
});

describe('withLatency', () => {
  it('adds to any latency the reply already has, and leaves hangs alone', async () => {
    expect(await withLatency(() => ({ text: 'x', latencyMs: 5 }), 10)(requestWith(''))).toEqual({ text: 'x', latencyMs: 15 });
    expect(await withLatency(() => ({ fault: 'hang' }), 10)(requestWith(''))).toEqual({ fault: 'hang' });
  });
});

describe('createMulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = createMulberry32(42);
    const b = createMulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createMulberry32(43)()).not.toBe(draws[0]);
  });
});

describe('pickFault and withFaults', () => {
  const requests = Array.from({ length: 400 }, (_, i) => requestWith(`할 일 ${i}`));
  const picks = (seed: number, rate: number, kinds?: FaultKind[]) =>
    requests.map((req) => pickFault(req, { rate, seed, ...(kinds === undefined ? {} : { kinds }) }));

  it('picks the same faults for the same seed, and other faults for another seed', () => {
    expect(picks(1, 0.3)).toEqual(picks(1, 0.3));
    expect(picks(2, 0.3)).not.toEqual(picks(1, 0.3));
  });

  it.each([0, 0.2, 0.5, 1])('faults about a share %d of requests', (rate) => {
    const share = picks(9, rate).filter((kind) => kind !== null).length / requests.length;
    expect(Math.abs(share - rate)).toBeLessThan(0.07);
  });

  it('uses the default mix, without badjson, and only the given kinds when told', () => {
    expect(new Set(picks(5, 1))).toEqual(new Set(['429', '500', '503', '529', 'reset', 'hang', 'truncate']));
    expect(new Set(picks(5, 1, ['503', 'hang']))).toEqual(new Set(['503', 'hang']));
  });

  it('spares later attempts unless firstAttemptOnly is false', () => {
    const retry = requestWith('x', 2);
    expect(pickFault(retry, { rate: 1, seed: 1 })).toBeNull();
    expect(pickFault(retry, { rate: 1, seed: 1, firstAttemptOnly: false })).not.toBeNull();
  });

  it('builds a 429 with Retry-After and passes clean requests to the inner responder', async () => {
    const always429 = withFaults(() => ({ text: 'inner' }), { rate: 1, seed: 1, kinds: ['429'], retryAfterSeconds: 2, retryAfterMs: 3 });
    expect(await always429(requestWith('x'))).toEqual({ fault: 'status', status: 429, retryAfter: '2', retryAfterMs: 3 });
    expect(await always429(requestWith('x', 2))).toEqual({ text: 'inner' });
    const never = withFaults(() => ({ text: 'inner' }), { rate: 0, seed: 1 });
    expect(await never(requestWith('x'))).toEqual({ text: 'inner' });
  });
});
