import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../../src/render/index.ts';
import { planPromptCache } from '../../src/render/prompt-cache-plan.ts';
import { buildAnthropicParams } from '../../src/run/providers/anthropic-params.ts';
import { makeCase, makeVariant } from '../support/fixtures.ts';

const examples = [{ input: '이사 준비하기', output: { type: 'answer' as const, items: ['짐 싸기', '업체 예약하기'] } }];

describe('planPromptCache', () => {
  it('xml/json: the user turn is stable up to {{todo}}, examples included', () => {
    const variant = makeVariant('v', { examples, template: '예시:\n{{examples}}\n\n할 일: {{todo}}' });
    const rendered = renderPrompt(variant, makeCase('c', '보고서 쓰기'));
    const plan = planPromptCache(variant, rendered, false);
    expect(plan.messages).toBe(0);
    expect(rendered.messages[0]!.content.slice(plan.userPrefixChars)).toBe('보고서 쓰기');
    expect(rendered.messages[0]!.content.slice(0, plan.userPrefixChars)).toContain('이사 준비하기');
  });

  it('a template that starts with the to-do has no stable user prefix; chat examples are whole turns', () => {
    const first = makeVariant('v', { examples, template: '{{todo}}\n\n{{examples}}' });
    expect(planPromptCache(first, renderPrompt(first, makeCase('c', 'x')), false).userPrefixChars).toBe(0);
    const chat = makeVariant('c', { examples, format: 'chat', template: '{{todo}}' });
    expect(planPromptCache(chat, renderPrompt(chat, makeCase('c', 'x')), false)).toEqual({ messages: 2, userPrefixChars: 0 });
  });

  it('a case with earlier turns caches the system prompt and the example turns only', () => {
    const variant = makeVariant('v', { examples, template: '예시:\n{{examples}}\n\n할 일: {{todo}}' });
    const testCase = makeCase('c', '그거 하기', 'question', { history: [{ role: 'user', content: '여행' }, { role: 'assistant', content: '어디로?' }] });
    expect(planPromptCache(variant, renderPrompt(variant, testCase), true)).toEqual({ messages: 0, userPrefixChars: 0 });
  });
});

describe('buildAnthropicParams with a cache plan', () => {
  it('marks the system prompt and the end of the stable prefix', async () => {
    const params = await buildAnthropicParams({ model: 'm', system: 'sys', messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'prefix-rest' }], params: {}, promptCache: { messages: 2, userPrefixChars: 0 } });
    expect(params.system).toEqual([{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } }]);
    expect(params.messages[1]!.content).toEqual([{ type: 'text', text: 'b', cache_control: { type: 'ephemeral' } }]);
    expect(params.messages[2]!.content).toBe('prefix-rest');
    const split = await buildAnthropicParams({ model: 'm', system: 'sys', messages: [{ role: 'user', content: 'prefix-rest' }], params: {}, promptCache: { messages: 0, userPrefixChars: 7 } });
    expect(split.messages[0]!.content).toEqual([
      { type: 'text', text: 'prefix-', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'rest' },
    ]);
  });
});

describe('buildReplyRequest', () => {
  it('asks for a cache plan on Anthropic targets when the target or the variant says promptCache, the target first', async () => {
    const { buildReplyRequest } = await import('../../src/run/reply-request.ts');
    const { makeTarget } = await import('../support/fixtures.ts');
    const trial = (variant: ReturnType<typeof makeVariant>, target: ReturnType<typeof makeTarget>) => ({ trialId: 't', variant, target, testCase: makeCase('c', '보고서 쓰기'), repeat: 0 });
    const cachedVariant = makeVariant('v', { examples, promptCache: true });
    expect(buildReplyRequest(trial(cachedVariant, makeTarget('anthropic:claude-haiku-4-5'))).promptCache).toEqual({ messages: 0, userPrefixChars: expect.any(Number) });
    expect(buildReplyRequest(trial(cachedVariant, makeTarget('anthropic:claude-haiku-4-5', { promptCache: false }))).promptCache).toBeUndefined();
    expect(buildReplyRequest(trial(makeVariant('v'), makeTarget('anthropic:claude-haiku-4-5', { promptCache: true }))).promptCache).toBeDefined();
    expect(buildReplyRequest(trial(cachedVariant, makeTarget('openai:gpt-4.1-mini'))).promptCache).toBeUndefined();
  });
});
