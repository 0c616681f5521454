import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/render/fill-template.ts';

describe('fillTemplate', () => {
  it.each([
    ['both filled', '{{examples}}\n\n{{todo}}', 'EX', 'TODO', 'EX\n\nTODO'],
    ['empty examples leave no gap', '{{examples}}\n\n{{todo}}', '', 'TODO', 'TODO'],
    ['empty examples between text', 'intro\n{{examples}}\n\n{{todo}}', '', 'TODO', 'intro\n\nTODO'],
    ['blank lines on both sides collapse to one', 'intro\n\n{{examples}}\n\n{{todo}}', '', 'TODO', 'intro\n\nTODO'],
    ['empty placeholder at the end', '{{todo}}\n\n{{examples}}\n', '', 'TODO', 'TODO'],
    ['authored blank lines are kept', 'a\n\n\nb {{todo}}', '', 'T', 'a\n\n\nb T'],
    ['inline placeholder', '할 일: {{todo}}', '', '장보기', '할 일: 장보기'],
    ['surrounding whitespace trimmed', '\n\n  {{todo}}  \n', '', 'T', 'T'],
    ['placeholder used twice', '{{todo}} / {{todo}}', '', 'T', 'T / T'],
    ['unknown placeholders untouched', '{{todo}} {{other}}', '', 'T', 'T {{other}}'],
  ])('%s', (_name, template, examples, todo, expected) => {
    expect(fillTemplate(template, { todo, examples })).toBe(expected);
  });

  it.each([
    ['$& pattern', '가격 $& 확인', '가격 $& 확인'],
    ["$' and $` patterns", "a$'b$`c$$", "a$'b$`c$$"],
    ['an {{examples}} placeholder in the input', '{{examples}} 정리하기', '{{examples}} 정리하기'],
    ['a {{todo}} placeholder in the input', '{{todo}}', '{{todo}}'],
  ])('inserts the input literally: %s', (_name, input, expected) => {
    expect(fillTemplate('{{examples}}\n\n<todo>{{todo}}</todo>', { todo: input, examples: 'EX' })).toBe(
      `EX\n\n<todo>${expected}</todo>`,
    );
  });

  it('does not expand placeholders inside the examples text', () => {
    expect(fillTemplate('{{examples}}\n{{todo}}', { todo: 'T', examples: 'see {{todo}} $&' })).toBe('see {{todo}} $&\nT');
  });
});
