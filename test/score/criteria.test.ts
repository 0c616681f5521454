import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/config/rubric-schema.ts';
import type { Expect } from '../../src/config/case-schema.ts';
import type { Outcome, Reply } from '../../src/parse/reply-schema.ts';
import { scoreCriterion } from '../../src/score/score-trial.ts';
import type { JudgeVerdict } from '../../src/score/score-types.ts';
import { answer, invalid, makeInput, question } from './fixtures.ts';

interface Row {
  name: string;
  expect?: Partial<Expect>;
  reply: Reply | null;
  outcome?: Outcome;
  lang?: string;
  judge?: JudgeVerdict;
  score: number | null;
  reason?: RegExp;
}

function runTable(criterion: Criterion, rows: Row[]) {
  it.each(rows)('$name', (row) => {
    const options: Parameters<typeof makeInput>[2] = {};
    if (row.outcome !== undefined) options.outcome = row.outcome;
    if (row.lang !== undefined) options.lang = row.lang;
    if (row.judge !== undefined) options.judge = row.judge;
    const input = makeInput({ type: 'answer', ...row.expect }, row.reply, options);
    const result = scoreCriterion(input, criterion);
    if (row.score === null) expect(result.score).toBeNull();
    else expect(result.score).toBeCloseTo(row.score, 10);
    expect(result.reason.length).toBeGreaterThan(0);
    if (row.reason) expect(result.reason).toMatch(row.reason);
  });
}

describe('schema', () => {
  runTable({ name: 'schema', weight: 1, gate: true }, [
    { name: 'answer is valid', reply: answer('a', 'b'), score: 1 },
    { name: 'question is valid', reply: question('언제?'), score: 1 },
    { name: 'invalid is valid', reply: invalid('할 일이 아닙니다'), score: 1 },
    { name: 'format_error', reply: null, outcome: 'format_error', score: 0, reason: /format_error/ },
    { name: 'schema_error', reply: null, outcome: 'schema_error', score: 0, reason: /schema_error/ },
    { name: 'provider_error is n/a', reply: null, outcome: 'provider_error', score: null },
  ]);
});

describe('type', () => {
  runTable({ name: 'type', weight: 1, gate: true }, [
    { name: 'matches', reply: answer('a', 'b'), score: 1 },
    { name: 'question expected, answer given', expect: { type: 'question' }, reply: answer('a'), score: 0, reason: /^expected question, got answer$/ },
    { name: 'invalid expected', expect: { type: 'invalid' }, reply: invalid('no'), score: 1 },
    { name: 'format error is a miss', reply: null, outcome: 'format_error', score: 0, reason: /got format_error/ },
    { name: 'provider error is n/a', reply: null, outcome: 'provider_error', score: null },
  ]);
});

describe('count', () => {
  const five = ['1', '2', '3', '4', '5'];
  runTable({ name: 'count', weight: 1, gate: false, answer: [2, 7], question: [1, 5] }, [
    { name: 'within default answer range', reply: answer(...five), score: 1, reason: /5 items within \[2, 7\]/ },
    { name: 'one too few', reply: answer('a'), score: 0.75, reason: /1 item: fewer than \[2, 7\]/ },
    { name: 'two too many', reply: answer(...five, '6', '7', '8', '9'), score: 0.5 },
    { name: 'far outside floors at 0', reply: answer(...five, ...five, ...five), score: 0 },
    { name: 'case bounds override', expect: { minItems: 3, maxItems: 4 }, reply: answer(...five), score: 0.75, reason: /\[3, 4\]/ },
    { name: 'question defaults', expect: { type: 'question' }, reply: question(...five, '6'), score: 0.75, reason: /\[1, 5\]/ },
    { name: 'case bounds ignored for the wrong type', expect: { minItems: 4 }, reply: question('q'), score: 1, reason: /\[1, 5\]/ },
    { name: 'min past default max stretches max', expect: { minItems: 9 }, reply: answer(...five, ...five), score: 0.75, reason: /\[9, 9\]/ },
    { name: 'invalid is n/a', expect: { type: 'invalid' }, reply: invalid('no'), score: null },
    { name: 'no reply is n/a', reply: null, score: null },
  ]);
});

describe('unique', () => {
  runTable({ name: 'unique', weight: 1, gate: false }, [
    { name: 'all distinct', reply: answer('짐 싸기', '청소하기'), score: 1 },
    { name: 'case, space and punctuation folded', reply: answer('Buy milk', 'buy  milk!', '짐 싸기', '짐싸기.'), score: 0.5, reason: /2\/4 distinct: "Buy milk" and "buy milk!" say the same/ },
    { name: 'particles and endings folded', reply: answer('자료 준비하기', '자료를 준비한다.', '회의실 예약하기'), score: 2 / 3, reason: /"자료 준비하기" and "자료를 준비한다\." say the same/ },
    { name: 'the same words for other things differ', reply: answer('우유 사기', '우유 사 오기', '빵 사기'), score: 1 },
    { name: 'one item is n/a', reply: answer('짐 싸기'), score: null },
    { name: 'invalid is n/a', reply: invalid('no'), score: null },
  ]);
});

describe('length', () => {
  runTable({ name: 'length', weight: 1, gate: false, maxChars: 5 }, [
    { name: 'Hangul counts per syllable', reply: answer('가나다라마', '짐싸기'), score: 1 },
    { name: 'emoji counts as one code point', reply: answer('🙂🙂🙂🙂🙂'), score: 1 },
    { name: 'one too long', reply: answer('가나다라마바', 'ok'), score: 0.5, reason: /has 6/ },
    { name: 'surrounding space not counted', reply: answer('  abcde  '), score: 1 },
    { name: 'invalid is n/a', reply: invalid('아주 아주 긴 거절 메시지'), score: null },
  ]);
});

describe('language', () => {
  runTable({ name: 'language', weight: 1, gate: false, minShare: 1 }, [
    { name: 'all Hangul', reply: answer('이삿짐 센터 예약하기', '짐 싸기'), score: 1 },
    { name: 'all English', reply: answer('Book movers', 'Pack boxes'), score: 0 },
    { name: 'half Hangul reaches minShare', reply: answer('짐싸기용 abcd'), score: 1 },
    { name: 'an English line in a Korean reply', reply: answer('짐 싸기', 'Book movers'), score: 0.5, reason: /1\/2 lines in Korean; not: "Book movers"/ },
    { name: 'Latin tech terms in a Korean sentence', reply: answer('useState와 useReducer 공식 문서 읽기', 'PR 리뷰 반영하기'), score: 1 },
    { name: 'digits, punctuation, emoji ignored', reply: answer('3시 🙂!! 123', '…'), score: 1 },
    { name: 'jamo counts as Hangul', reply: answer('ㅋㅋ ok'), score: 1 },
    { name: 'invalid message is checked', reply: invalid('Sorry, not a to-do'), score: 0 },
    { name: 'ko-KR is Korean', lang: 'ko-KR', reply: answer('hello'), score: 0 },
    { name: 'English cases want English', lang: 'en', reply: answer('Call the dentist', '치과 예약하기'), score: 0.5, reason: /1\/2 lines in English/ },
    { name: 'other languages are n/a', lang: 'fr', reply: answer('bonjour'), score: null, reason: /"fr"/ },
    { name: 'no letters is n/a', reply: answer('123', '🙂'), score: null },
    { name: 'no reply is n/a', reply: null, outcome: 'format_error', score: null },
  ]);
});

describe('mentions', () => {
  runTable({ name: 'mentions', weight: 1, gate: false }, [
    { name: 'no mentions is n/a', reply: answer('a', 'b'), score: null },
    { name: 'all found, case and space insensitive', expect: { mentions: ['이삿짐 센터', 'GPT'] }, reply: answer('이삿짐센터 예약', 'gpt 쓰기'), score: 1 },
    { name: 'half found', expect: { mentions: ['견적', '청소'] }, reply: answer('견적 받기', '짐 싸기'), score: 0.5, reason: /missing "청소"/ },
    { name: 'across items', expect: { mentions: ['견적', '청소'] }, reply: answer('견적 받기', '청소하기'), score: 1 },
    { name: 'invalid message searched', expect: { type: 'invalid', mentions: ['할 일'] }, reply: invalid('할일이 아닙니다'), score: 1 },
    { name: 'no reply is n/a', expect: { mentions: ['x'] }, reply: null, outcome: 'schema_error', score: null },
  ]);
});

describe('forbid', () => {
  runTable({ name: 'forbid', weight: 1, gate: false }, [
    { name: 'nothing forbidden is n/a', reply: answer('a', 'b'), score: null },
    { name: 'clean reply', expect: { forbid: ['system prompt', 'python'] }, reply: answer('짐 싸기'), score: 1 },
    { name: 'first found is named', expect: { forbid: ['system prompt', 'python'] }, reply: answer('Python 스크립트', 'System  Prompt'), score: 0, reason: /"system prompt"/ },
    { name: 'invalid message checked', expect: { type: 'invalid', forbid: ['def '] }, reply: invalid('def main(): pass'), score: 0 },
    { name: 'question checked', expect: { forbid: ['비밀'] }, reply: question('비밀번호는?'), score: 0 },
  ]);
});

describe('question_form', () => {
  runTable({ name: 'question_form', weight: 1, gate: false }, [
    { name: 'question marks', reply: question('When?', '언제까지인가요？'), score: 1 },
    {
      name: 'Korean endings without ?',
      reply: question('몇 시에 만나기로 했나요', '어디서 할까요.', '예산이 있습니까', '누구와 가니?', '날짜를 알려주세요!', '혼자 가시는 건가요 🙂'),
      score: 1,
    },
    { name: 'statements do not count', reply: question('몇 시에 만나나요?', '장소를 정합니다.', 'Book movers'), score: 1 / 3, reason: /"장소를 정합니다\." is not a question/ },
    { name: 'orders are not questions', reply: question('약속 시간을 정하세요', '장소를 고르세요.'), score: 0, reason: /is not a question/ },
    { name: 'a lone ? asks nothing', reply: question('?'), score: 0, reason: /asks nothing/ },
    { name: 'answers are n/a', reply: answer('a', 'b'), score: null },
    { name: 'invalid is n/a', reply: invalid('no'), score: null },
  ]);
});

describe('judge', () => {
  runTable({ name: 'judge', weight: 1, gate: false, rubric: 'Are the sub-todos actionable?' }, [
    { name: 'no verdict is n/a', reply: answer('a', 'b'), score: null },
    { name: 'the graded score passes through', reply: answer('a', 'b'), judge: { score: 0.8, pass: true, reason: 'mostly actionable' }, score: 0.8, reason: /^mostly actionable$/ },
    { name: 'out-of-range verdict clamped', reply: answer('a', 'b'), judge: { score: 1.5, pass: true, reason: 'great' }, score: 1 },
    { name: 'a judge error is no score at all, never a 0', reply: answer('a', 'b'), judge: { error: 'timeout' }, score: null, reason: /judge error: timeout/ },
  ]);
  runTable({ name: 'judge', weight: 1, gate: true }, [
    { name: 'as a gate, a pass is 1', reply: answer('a', 'b'), judge: { score: 0.8, pass: true, reason: 'ok' }, score: 1 },
    { name: 'as a gate, a fail is 0', reply: answer('a', 'b'), judge: { score: 0.7, pass: false, reason: 'vague' }, score: 0 },
  ]);
  it('marks a judge error as an error, which leaves the case unscored', () => {
    const result = scoreCriterion(makeInput({ type: 'answer' }, answer('a', 'b'), { judge: { error: 'timeout' } }), { name: 'judge', weight: 1, gate: false });
    expect(result).toEqual({ score: null, reason: 'judge error: timeout', error: true });
  });
});
