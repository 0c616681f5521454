import { isHangulSyllable, toJamo } from './hangul.ts';
import { memoizeText } from '../../text/memoize-text.ts';

/**
 * Korean particles and verb endings stripped to reach a word's stem, longest first. This is not a
 * morphological analyser: it is enough to see that "자료를 준비한다" and "자료 준비하기" say the same
 * thing, or that "치과에 전화하기" reuses the to-do's "치과 전화해서". Stems are then compared on
 * jamo prefixes (see `sameStem`), which absorbs the endings fused into a syllable (맡길 / 맡기).
 */
const ENDINGS = [
  // 하다 verbs: the verbal noun is the stem ("예약하기" → "예약").
  '해주세요', '해주기', '하겠습니다', '하셨나요', '하실', '하시나요', '하세요', '합니다', '했나요', '하나요', '할까요', '하기로', '하기', '하고',
  // the honorific 시 folded in, so "가나요" and "가시나요" are one question
  '으셨나요', '으신가요', '으시나요', '으세요', '셨나요', '신가요', '시나요', '시는지', '으실', '실까요', '실',
  '해서', '하는', '한다', '해요', '하자', '하면', '하며', '하여', '했다', '하게', '하지', '할지', '한지', '해야', '해', '할', '한', '함', '하',
  // other verb endings
  '습니까', '습니다', '을까요', '을지요', '는지요', '인가요', '나요', '가요', '까요', '세요', '을까', '는지', '을지', '인지', '는데', '니까',
  '기로', '어서', '아서', '도록', '려고', '으러', '러', '기', '고', '서', '는', '다', '요', '자', '면', '며', '지', '게', '니', '까',
  // particles
  '에서는', '에게서', '으로는', '이라도', '까지는', '에서', '에게', '한테', '께서', '으로', '이랑', '처럼', '보다', '부터', '까지', '마다',
  '이나', '라도', '에는', '에도', '과', '와', '을', '를', '이', '가', '은', '의', '도', '만', '에', '로', '랑', '께', '나', '씩', '쯤',
] as const;
// Tried longest first, so "하기" wins over "기" and "에서" over "서".
const ENDINGS_LONGEST_FIRST = [...ENDINGS].sort((a, b) => [...b].length - [...a].length);

/** Stripping stops at this many syllables, so "회의" keeps its 의 and "치과" its 과. */
const MIN_STEM_SYLLABLES = 1;
const MIN_STEM_BEFORE_SHORT_SUFFIX = 2;

/**
 * How much of a line is read for words. A sub-todo is a line; a runaway reply of a megabyte fails
 * the length criterion anyway, and reading all of it word by word would only cost time.
 */
export const MAX_ANALYSED_CHARS = 2000;
/** Longer runs are not words (a thousand 가 in a row), and comparing them costs time for nothing. */
const MAX_WORD_CHARS = 40;

/** Words of a text: runs of Hangul, Latin letters or digits; punctuation, spaces and emoji split them. */
export function tokenize(text: string): string[] {
  const words = text.slice(0, MAX_ANALYSED_CHARS).normalize('NFKC').toLowerCase().match(/[\p{Script=Hangul}\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => (w.length > MAX_WORD_CHARS ? w.slice(0, MAX_WORD_CHARS) : w));
}

const ENGLISH_NUMBERS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12',
};

/** Endings by their last syllable: a word is tried only against the endings it could have. */
const ENDINGS_BY_LAST = new Map<string, string[]>();
for (const ending of ENDINGS_LONGEST_FIRST) {
  const last = [...ending].at(-1) ?? '';
  ENDINGS_BY_LAST.set(last, [...(ENDINGS_BY_LAST.get(last) ?? []), ending]);
}

/** A token's stem: Korean endings and particles peeled (at most two); English number words as digits. */
export const stemOf: (token: string) => string = memoizeText(computeStem, 50_000);

function computeStem(token: string): string {
  if (!isHangulSyllable([...token].at(-1) ?? '')) return ENGLISH_NUMBERS[token] ?? token;
  let stem = token;
  for (let round = 0; round < 2; round++) {
    const next = peel(stem);
    if (next === stem) break;
    stem = next;
  }
  return stem;
}

function peel(word: string): string {
  const syllables = [...word];
  for (const ending of ENDINGS_BY_LAST.get(syllables.at(-1) ?? '') ?? []) {
    if (!word.endsWith(ending)) continue;
    const left = syllables.length - [...ending].length;
    // A one-syllable ending (이, 가, 과, 기…) is often the end of a noun: peel it only from 3+ syllables.
    const needed = [...ending].length === 1 ? MIN_STEM_BEFORE_SHORT_SUFFIX : MIN_STEM_SYLLABLES;
    if (left >= needed) return syllables.slice(0, left).join('');
  }
  return word;
}

/** Each word of a text with its stem, for checks that need to see how a word ended. */
export const wordsOf: (text: string) => readonly { readonly token: string; readonly stem: string }[] = memoizeText((text) =>
  tokenize(text)
    .map((token) => ({ token, stem: stemOf(token) }))
    .filter((w) => w.stem !== ''),
);

/** Stems of a text, in order, empty ones dropped. */
export const stemsOf: (text: string) => readonly string[] = memoizeText((text) =>
  tokenize(text)
    .map(stemOf)
    .filter((s) => s !== ''),
);

/**
 * Whether two stems are the same word: equal, or one a jamo prefix of the other when the shorter
 * has two syllables or more ("이사" ~ "이삿짐", "맡기" ~ "맡길"). One-syllable stems must be equal:
 * "물" is not "물건". Latin stems of four letters or more match on prefix ("renew" ~ "renewal").
 */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (/^[a-z]+$/u.test(short)) return short.length >= 4 && long.startsWith(short);
  const syllables = [...short];
  if (syllables.length < 2 || !isHangulSyllable(syllables[0] ?? '')) return false;
  // A jamo prefix of whole syllables means every syllable but the last is the same, and the last
  // one's jamo start the longer word's syllable there: a plain string check rules most pairs out.
  const body = short.slice(0, short.length - (syllables.at(-1)?.length ?? 0));
  if (!long.startsWith(body)) return false;
  const last = syllables.at(-1) ?? '';
  const there = [...long.slice(body.length)][0] ?? '';
  return toJamo(there).startsWith(toJamo(last));
}

export function containsStem(stems: readonly string[], stem: string): boolean {
  return stems.some((s) => sameStem(s, stem));
}
