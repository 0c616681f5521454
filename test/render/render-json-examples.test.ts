import { describe, expect, it } from 'vitest';
import { buildJsonExamples, renderJsonExamples } from '../../src/render/render-json-examples.ts';
import { SEED_EXAMPLES, SEED_JSON_BLOCK } from './seed-fixtures.ts';

const [answer, question, invalid] = SEED_EXAMPLES;
if (!answer || !question || !invalid) throw new Error('fixture');

describe('renderJsonExamples', () => {
  it("reproduces the seed's JSON sketch exactly (layout and keys)", () => {
    const out = renderJsonExamples([{ ...answer, instruction: '바로 해당 투두를 하위 투두로 나눠준다' }]);
    expect(out).toBe(SEED_JSON_BLOCK);
  });

  it('is valid JSON equal to the seed-shaped list, for all three kinds', () => {
    expect(JSON.parse(renderJsonExamples(SEED_EXAMPLES))).toEqual([
      {
        caseNumber: 1,
        caseDescription: answer.note,
        caseInstruction: answer.instruction,
        userPrompts: [{ type: 'user', content: answer.input }],
        subtodos: {
          type: 'answer',
          content: [
            { subtodoNumber: 1, subtodoContent: '아스한테 오늘 약속이 맞는지 확인하기' },
            { subtodoNumber: 2, subtodoContent: '저녁 7시에 아스네 집으로 출발하기' },
            { subtodoNumber: 3, subtodoContent: '집들이 선물 사 가기' },
          ],
        },
      },
      {
        caseNumber: 2,
        caseDescription: question.note,
        caseInstruction: question.instruction,
        userPrompts: [{ type: 'user', content: '친구랑 약속' }],
        subtodos: {
          type: 'question',
          content: [
            { subtodoNumber: 1, subtodoContent: '친구와 몇 시에 만나기로 했나요?' },
            { subtodoNumber: 2, subtodoContent: '친구랑 어디서 만나기로 했나요?' },
            { subtodoNumber: 3, subtodoContent: '친구랑 만나는 곳은 여기서 얼마나 떨어져 있나요?' },
          ],
        },
      },
      {
        caseNumber: 3,
        caseDescription: invalid.note,
        caseInstruction: invalid.instruction,
        userPrompts: [{ type: 'user', content: '파이썬 스크립트를 만들어줘' }],
        subtodos: { type: 'invalid', content: '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.' },
      },
    ]);
  });

  it('omits absent note and instruction, and adds reasoning as thinking before subtodos', () => {
    const built = buildJsonExamples([{ input: 'x', reasoning: '생각', output: { type: 'answer', items: ['a', 'b'] } }]);
    expect(built).toEqual([
      {
        caseNumber: 1,
        userPrompts: [{ type: 'user', content: 'x' }],
        thinking: '생각',
        subtodos: { type: 'answer', content: [{ subtodoNumber: 1, subtodoContent: 'a' }, { subtodoNumber: 2, subtodoContent: 'b' }] },
      },
    ]);
    expect(Object.keys(built[0] ?? {})).toEqual(['caseNumber', 'userPrompts', 'thinking', 'subtodos']);
  });

  it('escapes quotes and newlines and keeps ": " inside values', () => {
    const input = '"따옴표": 그리고\n줄바꿈';
    const out = renderJsonExamples([{ input, output: { type: 'invalid', message: '안 돼: 이유' } }]);
    expect(out).toContain('"content":"\\"따옴표\\": 그리고\\n줄바꿈"');
    expect(out).toContain('"content":"안 돼: 이유"');
    expect(JSON.parse(out)[0].userPrompts[0].content).toBe(input);
  });

  it('renders nothing for no examples', () => {
    expect(renderJsonExamples([])).toBe('');
  });
});
