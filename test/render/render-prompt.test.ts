import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../../src/render/render-prompt.ts';
import { makeVariant, SEED_EXAMPLES, SEED_XML_BLOCK } from './seed-fixtures.ts';

const SEED_TEMPLATE = "'<examples>' 태그에는 투두를 하위 투두로 쪼개주는 예시들이 있어. 이 예시들을 참고해줘.\n{{examples}}\n\n{{todo}}";
const history = [
  { role: 'user' as const, content: '친구랑 약속' },
  { role: 'assistant' as const, reply: { type: 'question' as const, items: ['몇 시인가요?'] } },
];

describe('renderPrompt: xml', () => {
  it('sends the system prompt and one user message: intro, the seed block, the to-do', () => {
    const out = renderPrompt(makeVariant({ template: SEED_TEMPLATE }), { input: '장보기', history: [] });
    expect(out.system).toBe('너는 플래너야.');
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: `'<examples>' 태그에는 투두를 하위 투두로 쪼개주는 예시들이 있어. 이 예시들을 참고해줘.\n${SEED_XML_BLOCK}\n\n장보기`,
      },
    ]);
  });

  it('plays a multi-turn case as the app sent it: the template around the first to-do, the reply in the variant\'s form, the follow-up as typed', () => {
    const out = renderPrompt(makeVariant({ template: SEED_TEMPLATE }), { input: '저녁 7시 강남역', history });
    expect(out.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(out.messages[0]?.content).toBe(`'<examples>' 태그에는 투두를 하위 투두로 쪼개주는 예시들이 있어. 이 예시들을 참고해줘.\n${SEED_XML_BLOCK}\n\n친구랑 약속`);
    expect(out.messages[1]).toEqual({ role: 'assistant', content: "<subtodos type='question'>\n1. 몇 시인가요?\n</subtodos>" });
    expect(out.messages[2]).toEqual({ role: 'user', content: '저녁 7시 강남역' });
  });

  it('writes the earlier reply in each variant\'s own form', () => {
    const json = renderPrompt(makeVariant({ replyForm: 'json' }), { input: '저녁 7시', history });
    const seed = renderPrompt(makeVariant({ replyForm: 'seed-json' }), { input: '저녁 7시', history });
    expect(json.messages[1]?.content).toBe('{"type":"question","items":["몇 시인가요?"]}');
    expect(seed.messages[1]?.content).toBe('{"type":"question","content":[{"subtodoNumber":1,"subtodoContent":"몇 시인가요?"}]}');
  });

  it('keeps an assistant turn given as plain text as it is', () => {
    const out = renderPrompt(makeVariant(), { input: '저녁 7시', history: [history[0]!, { role: 'assistant', content: '몇 시에 만나요?' }] });
    expect(out.messages[1]).toEqual({ role: 'assistant', content: '몇 시에 만나요?' });
  });

  it('collapses the gap when there are no examples', () => {
    const out = renderPrompt(makeVariant({ examples: [], template: 'intro\n{{examples}}\n\n{{todo}}' }), { input: 'T', history: [] });
    expect(out.messages).toEqual([{ role: 'user', content: 'intro\n\nT' }]);
  });

  it('keeps an input with $& or {{examples}} literal', () => {
    const out = renderPrompt(makeVariant({ examples: [] }), { input: '$& {{examples}} {{todo}}', history: [] });
    expect(out.messages[0]?.content).toBe('$& {{examples}} {{todo}}');
  });
});

describe('renderPrompt: json', () => {
  it('puts the JSON list where {{examples}} is', () => {
    const out = renderPrompt(makeVariant({ format: 'json', template: '<examples>\n{{examples}}\n</examples>\n\n{{todo}}' }), {
      input: '장보기',
      history: [],
    });
    const content = out.messages[0]?.content ?? '';
    const json = content.slice('<examples>\n'.length, content.indexOf('\n</examples>'));
    expect(JSON.parse(json)).toHaveLength(3);
    expect(content.endsWith('</examples>\n\n장보기')).toBe(true);
  });
});

describe('renderPrompt: chat', () => {
  const chat = makeVariant({ format: 'chat', replyForm: 'seed-json', template: '예시:\n{{examples}}\n\n<todo>{{todo}}</todo>' });

  it('makes 2 × examples + 1 messages, alternating user and assistant', () => {
    const out = renderPrompt(chat, { input: '장보기', history: [] });
    expect(out.messages).toHaveLength(2 * SEED_EXAMPLES.length + 1);
    expect(out.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('renders each example through the template with no examples, and replies in the seed JSON shape', () => {
    const out = renderPrompt(chat, { input: '장보기', history: [] });
    expect(out.messages[0]).toEqual({ role: 'user', content: '예시:\n\n<todo>아스랑 저녁 8시에 만나서 집들이하기</todo>' });
    expect(out.messages[1]).toEqual({
      role: 'assistant',
      content:
        '{"type":"answer","content":[{"subtodoNumber":1,"subtodoContent":"아스한테 오늘 약속이 맞는지 확인하기"},' +
        '{"subtodoNumber":2,"subtodoContent":"저녁 7시에 아스네 집으로 출발하기"},{"subtodoNumber":3,"subtodoContent":"집들이 선물 사 가기"}]}',
    });
    expect(out.messages[5]).toEqual({
      role: 'assistant',
      content: '{"type":"invalid","content":"적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다."}',
    });
    expect(out.messages[6]).toEqual({ role: 'user', content: '예시:\n\n<todo>장보기</todo>' });
  });

  it('prefixes the reply with <thinking> when the example has reasoning', () => {
    const out = renderPrompt(
      makeVariant({ format: 'chat', replyForm: 'seed-json', examples: [{ input: '캠핑', reasoning: '정보 부족', output: { type: 'question', items: ['언제?'] } }] }),
      { input: 'x', history: [] },
    );
    expect(out.messages[1]?.content).toBe(
      '<thinking>정보 부족</thinking>\n{"type":"question","content":[{"subtodoNumber":1,"subtodoContent":"언제?"}]}',
    );
  });

  it('places history after the example turns and before the final message', () => {
    const out = renderPrompt(chat, { input: '저녁 7시', history });
    expect(out.messages).toHaveLength(2 * SEED_EXAMPLES.length + history.length + 1);
    expect(out.messages.slice(6, 8)).toEqual([
      { role: 'user', content: '예시:\n\n<todo>친구랑 약속</todo>' },
      { role: 'assistant', content: '{"type":"question","content":[{"subtodoNumber":1,"subtodoContent":"몇 시인가요?"}]}' },
    ]);
    expect(out.messages[8]).toEqual({ role: 'user', content: '저녁 7시' });
  });

  it('answers the examples in the variant\'s declared form', () => {
    const out = renderPrompt(makeVariant({ format: 'chat', replyForm: 'json' }), { input: 'x', history: [] });
    expect(out.messages[1]?.content).toBe('{"type":"answer","items":["아스한테 오늘 약속이 맞는지 확인하기","저녁 7시에 아스네 집으로 출발하기","집들이 선물 사 가기"]}');
  });
});
