import { describe, expect, it } from 'vitest';
import { parseReply } from '../../src/parse/parse-reply.ts';
import type { Reply } from '../../src/parse/reply-schema.ts';

const SEED_ANSWER = ['아스한테 오늘 약속이 맞는지 확인하기', '저녁 7시에 아스네 집으로 출발하기', '집들이 선물 사 가기'];
const SEED_QUESTION = ['친구와 몇 시에 만나기로 했나요?', '친구랑 어디서 만나기로 했나요?'];
const SEED_INVALID = '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.';

const answer = (items: string[] = SEED_ANSWER): Reply => ({ type: 'answer', items });
const question = (items: string[] = SEED_QUESTION): Reply => ({ type: 'question', items });
const invalid = (message = SEED_INVALID): Reply => ({ type: 'invalid', message });

const seedContent = (items: string[]) =>
  items.map((subtodoContent, i) => ({ subtodoNumber: i + 1, subtodoContent }));
const seedJson = (type: string, items: string[]) => JSON.stringify({ type, content: seedContent(items) });
const plainJson = JSON.stringify({ type: 'answer', items: SEED_ANSWER });

const cases: { name: string; raw: string; expected: Reply }[] = [
  // 1. The seed's JSON shape
  { name: 'seed JSON answer', raw: seedJson('answer', SEED_ANSWER), expected: answer() },
  { name: 'seed JSON question', raw: seedJson('question', SEED_QUESTION), expected: question() },
  {
    name: 'seed JSON wrapped in subtodos',
    raw: JSON.stringify({ subtodos: { type: 'answer', content: seedContent(SEED_ANSWER) } }, null, 3),
    expected: answer(),
  },
  {
    name: 'seed JSON in the full example shape (array, caseNumber, subtodos)',
    raw: JSON.stringify([{ caseNumber: 1, userPrompts: [{ type: 'user', content: 'x' }], subtodos: { type: 'question', content: seedContent(SEED_QUESTION) } }]),
    expected: question(),
  },
  {
    name: 'seed JSON sorted by subtodoNumber',
    raw: JSON.stringify({ type: 'answer', content: [{ subtodoNumber: 3, subtodoContent: 'c' }, { subtodoNumber: 1, subtodoContent: 'a' }, { subtodoNumber: '2', subtodoContent: 'b' }] }),
    expected: answer(['a', 'b', 'c']),
  },
  {
    name: 'items keep their order when some have no number',
    raw: JSON.stringify({ type: 'answer', content: [{ subtodoNumber: 3, subtodoContent: 'c' }, { subtodoContent: 'a' }] }),
    expected: answer(['c', 'a']),
  },
  { name: 'seed JSON invalid with content string', raw: JSON.stringify({ type: 'invalid', content: SEED_INVALID }), expected: invalid() },
  { name: 'invalid with message', raw: JSON.stringify({ type: 'invalid', message: ` ${SEED_INVALID} ` }), expected: invalid() },
  {
    name: 'wrapped invalid',
    raw: JSON.stringify({ subtodos: { type: 'invalid', content: SEED_INVALID } }),
    expected: invalid(),
  },
  {
    name: 'invalid written as a one-item list',
    raw: JSON.stringify({ type: 'invalid', content: [{ subtodoNumber: 1, subtodoContent: SEED_INVALID }] }),
    expected: invalid(),
  },
  // 2. Plain shapes and synonyms
  { name: 'plain {type, items}', raw: plainJson, expected: answer() },
  { name: '{type, subtodos:[…]}', raw: JSON.stringify({ type: 'answer', subtodos: SEED_ANSWER }), expected: answer() },
  { name: '{type, questions:[…]}', raw: JSON.stringify({ type: 'question', questions: SEED_QUESTION }), expected: question() },
  { name: 'bare {questions:[…]} infers question', raw: JSON.stringify({ questions: SEED_QUESTION }), expected: question() },
  {
    name: 'items as objects with content / text',
    raw: JSON.stringify({ type: 'answer', items: [{ content: 'a' }, { text: 'b' }, { subtodoContent: 'c' }] }),
    expected: answer(['a', 'b', 'c']),
  },
  { name: 'extra keys are ignored', raw: JSON.stringify({ type: 'answer', reasoning: 'x', items: ['a'] }), expected: answer(['a']) },
  { name: 'reply under a result wrapper', raw: JSON.stringify({ result: { type: 'answer', items: ['a'] } }), expected: answer(['a']) },
  { name: 'trailing commas forgiven', raw: '{"type":"answer","items":["a","b",],}', expected: answer(['a', 'b']) },
  // 6. type is case-insensitive and trimmed
  { name: 'type "Answer"', raw: JSON.stringify({ type: 'Answer', items: ['a'] }), expected: answer(['a']) },
  { name: 'type " QUESTION "', raw: JSON.stringify({ type: ' QUESTION ', items: ['a?'] }), expected: question(['a?']) },
  // 3. Fences, prose, reasoning
  { name: '```json fence', raw: `\`\`\`json\n${plainJson}\n\`\`\``, expected: answer() },
  { name: '``` fence after prose', raw: `Here you go:\n\n\`\`\`\n${plainJson}\n\`\`\`\nHope it helps!`, expected: answer() },
  { name: 'one-line fence', raw: `\`\`\`json ${plainJson}\`\`\``, expected: answer() },
  { name: 'JSON after prose on the same line', raw: `Here is the plan: ${plainJson}`, expected: answer() },
  { name: 'JSON followed by prose', raw: `${plainJson}\n\nLet me know if {anything} changes.`, expected: answer() },
  {
    name: 'JSON after <thinking> containing braces and a draft',
    raw: `<thinking>Maybe {"type":"question","items":["when?"]}? No: { enough info.</thinking>\n${plainJson}`,
    expected: answer(),
  },
  {
    name: 'JSON after <reasoning>',
    raw: `<reasoning>The user said {time} and {place}.</reasoning>\n\`\`\`json\n${plainJson}\n\`\`\``,
    expected: answer(),
  },
  { name: 'JSON after an orphan </think>', raw: `the user gave a time {x\n</think>\n${plainJson}`, expected: answer() },
  {
    name: 'last reply object wins when reasoning is untagged',
    raw: `First draft: {"type":"question","items":["언제?"]}\nBetter: {"type":"answer","items":["a"]}`,
    expected: answer(['a']),
  },
  {
    name: 'fenced block wins over a later bare object',
    raw: `\`\`\`json\n${plainJson}\n\`\`\`\nAlternative: {"type":"question","items":["q?"]}`,
    expected: answer(),
  },
  {
    name: 'JSON after a stray unclosed brace in prose',
    raw: `I'll think { about it.\n${plainJson}`,
    expected: answer(),
  },
  { name: 'JSON after a quoted brace in prose', raw: `Type "{" then: ${plainJson}`, expected: answer() },
  {
    name: 'answer only inside an unclosed <thinking> still found',
    raw: `<thinking>let me see\n${plainJson}`,
    expected: answer(),
  },
  // 4. The seed's XML form
  {
    name: 'seed XML answer with curly single quotes',
    raw: `<subtodos type=‘answer’>\n  1. ${SEED_ANSWER[0]}\n  2. ${SEED_ANSWER[1]}\n  3. ${SEED_ANSWER[2]}\n</subtodos>`,
    expected: answer(),
  },
  {
    name: 'XML question with double quotes and 1) numbering',
    raw: `<subtodos type="question">\n1) ${SEED_QUESTION[0]}\n2) ${SEED_QUESTION[1]}\n</subtodos>`,
    expected: question(),
  },
  { name: 'XML with curly double quotes and bullets', raw: '<subtodos type=“answer”>\n- a\n• b\n</subtodos>', expected: answer(['a', 'b']) },
  { name: "XML with ' quotes and Type uppercase", raw: "<SUBTODOS TYPE='Answer'>\n1. a\n</SUBTODOS>", expected: answer(['a']) },
  { name: 'XML with unquoted type', raw: '<subtodos type=answer>\n1. a\n</subtodos>', expected: answer(['a']) },
  { name: 'XML invalid: body is the message', raw: `<subtodos type=‘invalid’>\n    ${SEED_INVALID}\n  </subtodos>`, expected: invalid() },
  {
    name: 'XML wrapped in other tags after <thinking>',
    raw: `<thinking>Example: <subtodos type='question'>1. when?</subtodos></thinking>\n<response>\n<subtodos type='answer'>\n1. a\n2. b\n</subtodos>\n</response>`,
    expected: answer(['a', 'b']),
  },
  {
    name: 'XML with <item> children',
    raw: '<subtodos type="answer"><item>1. a</item>\n<item>b</item></subtodos>',
    expected: answer(['a', 'b']),
  },
  { name: 'XML in a ```xml fence', raw: "```xml\n<subtodos type='answer'>\n1. a\n</subtodos>\n```", expected: answer(['a']) },
  {
    name: 'the later of JSON and XML wins',
    raw: `{"type":"question","items":["q?"]}\n<subtodos type='answer'>\n1. a\n</subtodos>`,
    expected: answer(['a']),
  },
  {
    name: 'XML quoted inside a JSON string does not win',
    raw: JSON.stringify({ type: 'invalid', message: "use <subtodos type='answer'>1. x</subtodos>" }),
    expected: invalid("use <subtodos type='answer'>1. x</subtodos>"),
  },
  // 5. Item cleaning
  {
    name: 'numbering and bullets stripped, blanks dropped',
    raw: JSON.stringify({ type: 'answer', items: ['1. a', '2) b', '(3) c', '- d', '• e', '* f', '① g', '   ', ''] }),
    expected: answer(['a', 'b', 'c', 'd', 'e', 'f', 'g']),
  },
  {
    name: 'numbers that are content are kept',
    raw: JSON.stringify({ type: 'answer', items: ['1.5시간 운동하기', '-5도 이하면 패딩 입기', '3개 사기', '10.a'] }),
    expected: answer(['1.5시간 운동하기', '-5도 이하면 패딩 입기', '3개 사기', 'a']),
  },
];

describe('parseReply: accepted forms', () => {
  it.each(cases)('$name', ({ raw, expected }) => {
    expect(parseReply(raw)).toMatchObject({ outcome: expected.type, reply: expected });
  });
});

describe('parseReply: item text survives verbatim', () => {
  const tricky = ['a | b | c', 'run `npm test` and ```code```', '<script>alert(1)</script>', '"quoted" \\ back\\slash', '🎉 이모지 mixed English 한국어', '{"type":"question"}'];

  it('through JSON', () => {
    expect(parseReply(JSON.stringify({ type: 'answer', items: tricky }))).toMatchObject({ outcome: 'answer', reply: answer(tricky) });
  });

  it('through a fenced JSON block', () => {
    const raw = `\`\`\`json\n${JSON.stringify({ type: 'answer', items: tricky }, null, 2)}\n\`\`\``;
    expect(parseReply(raw)).toMatchObject({ outcome: 'answer', reply: answer(tricky) });
  });

  it('through the XML form', () => {
    const lines = tricky.filter((t) => !t.startsWith('{'));
    const raw = `<subtodos type='answer'>\n${lines.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n</subtodos>`;
    expect(parseReply(raw)).toMatchObject({ outcome: 'answer', reply: answer(lines) });
  });
});
