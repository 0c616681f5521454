import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ReplySchema } from '../../src/parse/reply-schema.ts';
import { defaultResponder, readMarker, readTopic } from './default-responder.ts';
import { startFakeServer } from './fake-server.ts';
import type { FakeReply, RecordedRequest } from './fake-types.ts';

const requestWith = (lastUserText: string): RecordedRequest => ({
  api: 'openai',
  path: '/v1/chat/completions',
  headers: {},
  body: {},
  lastUserText,
  systemText: '',
  attempt: 1,
});

const textOf = (reply: FakeReply): string => {
  if (!('text' in reply)) throw new Error(`expected a text reply, got ${JSON.stringify(reply)}`);
  return reply.text;
};

describe('defaultResponder', () => {
  it.each([
    { input: '<examples>…</examples>\n\n[[reply: answer]]\n집들이 준비하기', type: 'answer' },
    { input: '친구랑 약속 [[reply: question]]', type: 'question' },
    { input: '[[ reply: invalid ]]\n파이썬 스크립트를 만들어줘', type: 'invalid' },
    { input: '아스랑 저녁 8시에 만나서 집들이하기', type: 'answer' },
  ])('replies with schema-valid $type JSON for "$input"', ({ input, type }) => {
    const reply = ReplySchema.parse(JSON.parse(textOf(defaultResponder(requestWith(input)))));
    expect(reply.type).toBe(type);
    if (reply.type !== 'invalid') expect(reply.items).toHaveLength(3);
  });

  it('builds answer items from the to-do, without the marker or tags', () => {
    const text = textOf(defaultResponder(requestWith('<todo>\n[[reply: answer]]\n장보기\n</todo>')));
    const reply = ReplySchema.parse(JSON.parse(text));
    expect(reply.type === 'answer' && reply.items.every((item) => item.startsWith('장보기:'))).toBe(true);
    expect(text).not.toContain('[[');
    expect(text).not.toContain('todo');
  });

  it('replies with prose that has no structure for format_error', () => {
    const text = textOf(defaultResponder(requestWith('[[reply: format_error]] 장보기')));
    expect(text).not.toMatch(/[{}<>[\]]|^\s*\d+[.)]/m);
  });

  it('replies with JSON that fails the schema for schema_error', () => {
    const value: unknown = JSON.parse(textOf(defaultResponder(requestWith('[[reply: schema_error]]'))));
    expect(value).toEqual({ type: 'maybe', items: [] });
    expect(ReplySchema.safeParse(value).success).toBe(false);
  });

  it('fails every attempt with a quick-retry 500 for provider_error', () => {
    for (const attempt of [1, 2, 5]) {
      const reply = defaultResponder({ ...requestWith('[[reply: provider_error]]'), attempt });
      expect(reply).toMatchObject({ fault: 'status', status: 500, retryAfterMs: 1 });
    }
  });

  it('answers an unknown marker with a 400 that names the valid ones', () => {
    expect(defaultResponder(requestWith('[[reply: answr]]'))).toMatchObject({
      fault: 'status',
      status: 400,
      message: expect.stringContaining('format_error'),
    });
  });

  it('gives up after the SDK retries for provider_error', async () => {
    const server = await startFakeServer();
    try {
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 2, timeout: 2_000 });
      const call = client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '[[reply: provider_error]]' }] });
      await expect(call).rejects.toMatchObject({ status: 500 });
      expect(server.requests.map((r) => r.attempt)).toEqual([1, 2, 3]);
    } finally {
      await server.close();
    }
  });
});

describe('readMarker and readTopic', () => {
  it.each([
    ['[[reply: question]]', 'question'],
    ['앞 [[reply:invalid]] 뒤', 'invalid'],
    ['[reply: answer]', null],
    ['no marker', null],
  ])('reads the marker in %j as %j', (text, expected) => {
    expect(readMarker(text)).toBe(expected);
  });

  it.each([
    ['예시\n\n"장보기"', '장보기'],
    ['', '할 일'],
    ['가'.repeat(50), `${'가'.repeat(40)}…`],
  ])('takes the topic of %j as %j', (text, expected) => {
    expect(readTopic(text)).toBe(expected);
  });
});
