import { describe, expect, it } from 'vitest';
import { renderXmlExamples } from '../../src/render/render-xml-examples.ts';
import { SEED_EXAMPLES, SEED_XML_BLOCK } from './seed-fixtures.ts';

describe('renderXmlExamples', () => {
  it("reproduces the seed's <examples> block exactly", () => {
    expect(renderXmlExamples(SEED_EXAMPLES)).toBe(SEED_XML_BLOCK);
  });

  it('renders nothing for no examples', () => {
    expect(renderXmlExamples([])).toBe('');
  });

  it('puts reasoning in <thinking> between the input and the reply, and skips a missing note', () => {
    const out = renderXmlExamples([
      { input: '캠핑\n1박 2일', reasoning: '정보가 부족하다.\n먼저 묻는다.', output: { type: 'question', items: ['언제 가나요?'] } },
    ]);
    expect(out).toBe(
      [
        '<examples>',
        '  <example>',
        '    <user_prompt>',
        '      캠핑',
        '      1박 2일',
        '    </user_prompt>',
        '    <thinking>',
        '      정보가 부족하다.',
        '      먼저 묻는다.',
        '    </thinking>',
        "    <subtodos type='question'>",
        '      1. 언제 가나요?',
        '    </subtodos>',
        '  </example>',
        '</examples>',
      ].join('\n'),
    );
  });

  it.each([
    [{ note: '정보가 충분한 경우' }, '1. 정보가 충분한 경우'],
    [{ note: '정보가 충분한 경우.', instruction: '바로 나눠.' }, '1. 정보가 충분한 경우. 바로 나눠.'],
    [{ note: '정보가 충분한 경우', instruction: '바로 나눠.' }, '1. 정보가 충분한 경우. 바로 나눠.'],
    [{ instruction: '바로 나눠.' }, '1. 바로 나눠.'],
  ])('joins note and instruction into one line: %j', (fields, line) => {
    const out = renderXmlExamples([{ input: 'x', output: { type: 'answer', items: ['a'] }, ...fields }]);
    expect(out.split('\n')[2]).toBe(`    ${line}`);
  });
});
