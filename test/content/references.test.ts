import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/config/case-schema.ts';
import { readCorpus } from './read-corpus.ts';

// The reference replies in cases/*.yaml are what the judge compares against and what the simulated
// model knows, so each must pass what a human grader (and the default rubric) asks of a reply:
// docs/corpus-policy.md, "What a good reply looks like".

const MAX_ITEM_CHARS = 40;
const DEFAULT_COUNTS = { answer: [2, 7], question: [1, 5] } as const;

// English sub-todos start with an imperative verb. A closed list, so a noun phrase cannot pass;
// add a verb here when a new English reference needs one.
const ENGLISH_VERBS = new Set([
  'ask', 'block', 'book', 'buy', 'call', 'check', 'collect', 'drop', 'find', 'floss', 'gather', 'get',
  'keep', 'leave', 'log', 'look', 'pay', 'pick', 'put', 'set', 'stop', 'submit', 'throw', 'tick',
  'track', 'wipe', 'write',
]);

const cases = readCorpus().map((entry) => entry.case);
const withReference = cases.filter((c) => c.reference !== undefined);

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Folded, and without the Korean ending, so "예약하기" and "예약 하기." and "예약한다" are one item. */
function foldItem(text: string): string {
  return fold(text).replace(/(하기|한다|합니다|해요|기|다|요)$/u, '');
}

// Endings and particles cut off before words are compared, so "정리하고" and "정리하기" share "정리".
const KOREAN_ENDING = /(하기|하고|하는|해서|해요|으로|에서|까지|이랑|기|고|을|를|은|는|이|가|에|로|와|과|랑|도|의)$/u;

function bigramsOf(word: string): string[] {
  const syllables = [...word];
  if (syllables.length === 1) return [word];
  return syllables.slice(1).map((s, i) => `${syllables[i] ?? ''}${s}`);
}

/** A Korean text's words without endings, as syllable pairs (a one-syllable stem stays whole). */
function stemUnits(text: string): Set<string> {
  const words = (text.match(/[가-힣]+/gu) ?? []).map((w) => w.replace(KOREAN_ENDING, '')).filter((w) => w !== '');
  return new Set(words.flatMap(bigramsOf));
}

/** Like stemUnits, plus the words as written: lenient, for "shares a word with the to-do". */
function looseUnits(text: string): Set<string> {
  return new Set([...stemUnits(text), ...(text.match(/[가-힣]+/gu) ?? []).flatMap(bigramsOf)]);
}

function englishWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z]{3,}/gu) ?? []);
}

function itemProblems(c: Case, items: string[], kind: 'answer' | 'question'): string[] {
  const english = c.lang === 'en';
  const problems: string[] = [];
  const [defaultMin, defaultMax] = DEFAULT_COUNTS[kind];
  const min = c.expect.minItems ?? defaultMin;
  const max = c.expect.maxItems ?? defaultMax;
  if (items.length < min || items.length > max) problems.push(`${items.length} items, expected ${min}–${max}`);
  const seen = new Map<string, string>();
  for (const item of items) {
    const length = [...item].length;
    if (length > MAX_ITEM_CHARS) problems.push(`${length} chars: ${item}`);
    if (/[\r\n]/u.test(item)) problems.push(`more than one line: ${item}`);
    if (item !== item.trim()) problems.push(`stray spaces: "${item}"`);
    const key = foldItem(item);
    const twin = seen.get(key);
    if (twin !== undefined) problems.push(`near-duplicate: ${twin} / ${item}`);
    seen.set(key, item);
    if (key === foldItem(c.input)) problems.push(`repeats the to-do: ${item}`);
    if (english && /[가-힣]/u.test(item)) problems.push(`Korean in an English reply: ${item}`);
    // Latin terms are fine inside a Korean item ("useEffect 공식 문서"), but the item must be Korean.
    if (!english && !/[가-힣]/u.test(item)) problems.push(`no Korean: ${item}`);
    if (kind === 'question') {
      if (!item.endsWith('?')) problems.push(`question without "?": ${item}`);
      if (fold(item).length < 4) problems.push(`not a real question: ${item}`);
      continue;
    }
    if (item.includes('?')) problems.push(`question inside an answer: ${item}`);
    if (english) {
      const verb = item.split(/\s/u)[0]?.toLowerCase() ?? '';
      if (!ENGLISH_VERBS.has(verb)) problems.push(`does not start with a verb: ${item}`);
    } else if (!/(기|다|요)[.!]?$/u.test(item)) {
      problems.push(`not an action (~하기): ${item}`);
    }
  }
  return problems;
}

/** Is the reply about this to-do, and more than its words cut apart? */
function relevanceProblems(c: Case, items: string[], kind: 'answer' | 'question'): string[] {
  const english = c.lang === 'en';
  // A 한/영 typo has no Korean in its input to share: the reply shares the decoded words instead.
  if (!english && !/[가-힣]/u.test(c.input)) return [];
  const contextText = [c.input, ...c.history.map((t) => t.content)].join(' ');
  const loose = english ? englishWords : looseUnits;
  const strict = english ? englishWords : stemUnits;
  const looseContext = loose(contextText);
  const strictContext = strict(contextText);
  const problems: string[] = [];
  if (!items.some((item) => [...loose(item)].some((u) => looseContext.has(u)))) {
    problems.push('no item uses the to-do\'s own words');
  }
  const onlyInputWords = (item: string): boolean => {
    const units = [...strict(item)];
    return units.length > 0 && units.every((u) => strictContext.has(u));
  };
  if (kind === 'answer' && items.every(onlyInputWords)) problems.push('the items are only the to-do\'s words cut apart');
  return problems;
}

/**
 * A to-do's numbers are its dates, times and amounts: a split keeps at least one. Not every one,
 * since some only give context ("3주 전이라", "20분 늦었고"); which to keep is the grader's call.
 */
function lostNumbers(c: Case, items: string[]): string[] {
  const numbers = c.input.match(/\d+(?:[.,]\d+)*/gu) ?? [];
  const text = items.join(' ');
  if (numbers.length === 0 || numbers.some((n) => text.includes(n))) return [];
  return [`drops every number of the to-do (${numbers.join(', ')})`];
}

function referenceProblems(c: Case): string[] {
  const reference = c.reference;
  if (reference === undefined) return [];
  const problems: string[] = [];
  if (reference.type !== c.expect.type) problems.push(`reference is ${reference.type}, expected ${c.expect.type}`);
  const text = reference.type === 'invalid' ? reference.message : reference.items.join('\n');
  for (const m of c.expect.mentions ?? []) if (!fold(text).includes(fold(m))) problems.push(`missing mention "${m}"`);
  for (const f of c.expect.forbid ?? []) if (text.toLowerCase().includes(f.toLowerCase())) problems.push(`contains forbidden "${f}"`);
  if (reference.type === 'invalid') return problems;
  problems.push(...itemProblems(c, reference.items, reference.type));
  problems.push(...relevanceProblems(c, reference.items, reference.type));
  // In a multi-turn case the last turn's numbers may point at items ("3번"), not carry details.
  if (reference.type === 'answer' && c.history.length === 0) problems.push(...lostNumbers(c, reference.items));
  return problems;
}

describe('reference replies', () => {
  it('exist for every answer and question case, in the expected type', () => {
    const missing = cases
      .filter((c) => c.expect.type !== 'invalid')
      .filter((c) => c.reference?.type !== c.expect.type)
      .map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('exist for an invalid case only where the message is not the fixed refusal', () => {
    const refusals = withReference.filter((c) => c.reference?.type === 'invalid');
    const plain = refusals.filter((c) => c.reference?.type === 'invalid' && c.reference.message.startsWith('적합한 투두 형식이 아닙니다'));
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    expect(plain.map((c) => c.id)).toEqual([]);
  });

  it('pass what a grader asks of a reply (count, length, form, language, mentions, forbid, relevance, details)', () => {
    const problems = withReference.flatMap((c) => referenceProblems(c).map((p) => `${c.id}: ${p}`));
    expect(problems).toEqual([]);
  });

  // The checks above must be able to fail: each flawed reply here is one a grader would fail, and
  // it must fail for its own reason, not by accident.
  it.each([
    ['an echo of the to-do', '세탁소 맡기기', ['세탁소 맡기기', '옷 찾아오기'], 'repeats the to-do'],
    ['near-duplicates', '방 청소', ['청소기 돌리기', '청소기 돌리기.', '환기하기'], 'near-duplicate'],
    ['a noun list', '방 청소', ['청소기', '걸레', '쓰레기봉투'], 'not an action'],
    ['a question inside an answer', '방 청소', ['언제 청소하나요?', '청소기 돌리기'], 'question inside an answer'],
    ['an over-long item', '방 청소', ['창문을 열어 환기를 시키고 먼지를 털어 낸 다음 바닥을 쓸고 닦아 청소하기', '환기하기'], 'chars'],
    ['English items for a Korean user', '방 청소', ['Open the windows', 'Vacuum the floor'], 'no Korean'],
    ['the to-do cut into its words', '냉장고 정리하고 음식 버리기', ['냉장고 정리하기', '음식 버리기'], 'cut apart'],
    ['a split that drops the date', '15일까지 보고서 내기', ['자료 모으기', '보고서 초안 쓰기'], 'drops every number'],
    ['a single item', '방 청소', ['청소기 돌리고 환기하기'], '1 items'],
    ['items about something else', '방 청소', ['마트 가기', '우유 사기'], 'own words'],
  ])('fail an answer with %s', (_, input, items, reason) => {
    const flawed: Case = {
      id: 'flawed', input, tags: [], lang: 'ko', history: [],
      expect: { type: 'answer' }, reference: { type: 'answer', items },
    };
    expect(referenceProblems(flawed).join('\n')).toContain(reason);
  });

  it.each([
    ['an order instead of a question', ['여행 날짜를 정하세요', '어디로 여행 가시나요?'], 'without "?"'],
    ['a bare "?"', ['?'], 'not a real question'],
    ['too many questions', ['여행지는요?', '날짜는요?', '인원은요?', '예산은요?', '교통편은요?', '숙소는요?'], '6 items'],
  ])('fail a question with %s', (_, items, reason) => {
    const flawed: Case = {
      id: 'flawed', input: '여행', tags: [], lang: 'ko', history: [],
      expect: { type: 'question' }, reference: { type: 'question', items },
    };
    expect(referenceProblems(flawed).join('\n')).toContain(reason);
  });

  it('fail an English answer that starts with a noun', () => {
    const flawed: Case = {
      id: 'flawed', input: 'Clean the garage', tags: ['english'], lang: 'en', history: [],
      expect: { type: 'answer' }, reference: { type: 'answer', items: ['Garage floor sweeping', 'Throw away old boxes'] },
    };
    expect(referenceProblems(flawed).join('\n')).toContain('does not start with a verb');
  });
});
