import { finalOf, hasHangul } from './hangul.ts';
import { isActionNoun, isEnglishVerb, NOUNS_ENDING_LIKE_VERBS } from './action-words.ts';
import { MAX_ANALYSED_CHARS } from './words.ts';
import { memoizeText } from '../../text/memoize-text.ts';

/** Trailing emoji, quotes, brackets or a stray "." or "!" should not hide how a sentence ends. */
const TRAILING_NOISE = /[^\p{L}\p{N}?？]+$/u;
/** A trailing remark in brackets ("회의실 예약하기 (3층)") is not where the sentence ends. */
const TRAILING_REMARK = /\s*[([（［][^()[\]（）［］]*[)\]）］]\s*$/u;

const MAX_ENDING_CHARS = 200;

/** The sentence with trailing remarks and noise removed, so its last word is its real ending. */
export const sentenceCore: (item: string) => string = memoizeText(computeSentenceCore);

function computeSentenceCore(item: string): string {
  // How a sentence ends is in its last words: a runaway line is read from its end only.
  let core = item.slice(-MAX_ENDING_CHARS).normalize('NFKC').trim();
  for (let i = 0; i < 3; i++) {
    const next = core.replace(TRAILING_REMARK, '').replace(TRAILING_NOISE, '');
    if (next === core || next === '') break;
    core = next;
  }
  return core.replace(TRAILING_NOISE, '');
}

function lastWord(core: string): string {
  return core.split(/\s+/u).at(-1) ?? '';
}

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

// No bare 니: nouns end in it (사랑니), and a 반말 question in 니 comes with its "?" anyway.
const KOREAN_QUESTION_ENDING = /(?:까|까요|나요|가요|냐|냐요|는지요|은지요|을지요|죠|을래요|할래요|인가요|던가요)$/u;
// "몇 시까지 도착해야 하는지 알려 주세요", "예산을 알려 주세요": asking to be told is asking, unlike
// an order to act ("날짜를 정하세요"), which leaves the user with a task instead of a question.
const INFO_REQUEST = /(?:알려|말씀해|적어|얘기해|이야기해)\s*(?:주세요|주실래요|주시겠어요|주십시오|줘|줄래)$/u;
const ENGLISH_QUESTION_START = /^(?:what|when|where|who|whom|whose|which|why|how|do|does|did|is|are|was|were|will|would|can|could|should|shall|have|has|may|might)\b/iu;

export type QuestionForm = 'question' | 'bare-mark' | 'not-question';

// A template left unfilled: "질문 1?", "Question 2".
const PLACEHOLDER = /^(?:질문|물음|항목|하위\s*투두|question|item|sub-?todo)\s*\d*$/iu;
// "서류를 확인하세요?": an order to act on something, with a question mark glued on. A ~세요? with a
// question word ("어디 가세요?") or without an object ("혼자 가세요?") does ask.
const ORDER_WITH_MARK = /[을를]\s+\S*(?:하|해)?세요$/u;
const QUESTION_WORD = /(?:언제|어디|누구|몇|얼마|무엇|뭐|어떤|어느|어떻게|왜)/u;

/**
 * How a line reads as a question: it ends with "?" and says something, ends with a Korean
 * interrogative ending (까요, 나요, 인가요…), starts like an English question, or is a request to
 * tell around an embedded question. An order to the user ("날짜를 정하세요") is not a question, and
 * neither is a lone "?".
 */
export const questionFormOf: (item: string) => QuestionForm = memoizeText(computeQuestionForm);

function computeQuestionForm(item: string): QuestionForm {
  const trimmed = item.slice(-MAX_ENDING_CHARS).normalize('NFKC').trim().replace(/[^\p{L}\p{N}?]+$/u, '');
  const hasMark = trimmed.endsWith('?');
  const core = sentenceCore(item).replace(/\?+$/u, '').trim();
  if (letterCount(core) < 2 || PLACEHOLDER.test(core)) return hasMark || trimmed === '' || /^\?+$/u.test(trimmed) || PLACEHOLDER.test(core) ? 'bare-mark' : 'not-question';
  if (hasMark) return ORDER_WITH_MARK.test(core) && !QUESTION_WORD.test(core) ? 'not-question' : 'question';
  if (KOREAN_QUESTION_ENDING.test(core)) return 'question';
  if (ENGLISH_QUESTION_START.test(core)) return 'question';
  if (INFO_REQUEST.test(core)) return 'question';
  return 'not-question';
}

/**
 * Whether a sub-todo is an action. Korean: its last word is a verb form (~하기, ~기, ~다, ~요, ~함,
 * ~해, ~할 것) or a verbal noun ("회의실 예약"). English: it starts with a verb ("Book a table").
 * A question is not an action, and a list of nouns ("보고서", "PPT 자료") is not either.
 */
export function isActionItem(item: string, lang: 'ko' | 'en' | 'other'): boolean {
  if (questionFormOf(item) !== 'not-question') return false;
  const core = sentenceCore(item);
  if (core === '') return false;
  if (lang === 'en' || (lang === 'other' && !hasHangul(core))) return startsWithEnglishVerb(core);
  const word = lastWord(core);
  if (hasHangul(word)) return endsLikeKoreanAction(core, word);
  // A Korean item ending in a Latin word ("PR 올리기" ends in Hangul; "React Hooks" does not).
  return startsWithEnglishVerb(core);
}

function startsWithEnglishVerb(core: string): boolean {
  const words = core.toLowerCase().match(/[a-z']+/gu) ?? [];
  const [first = '', second = ''] = words;
  if (first === "don't" || first === 'dont' || (first === 'do' && second === 'not') || (first === 'make' && second === 'sure')) return true;
  return isEnglishVerb(first);
}

function endsLikeKoreanAction(core: string, word: string): boolean {
  if (NOUNS_ENDING_LIKE_VERBS.has(word)) return false;
  if (/(?:기|다|요|함|됨|냄|음|해|하자)$/u.test(word)) return true;
  // A verb nominalized with ㅁ, as plain notes write it: "알아봄", "털어 둠", "챙김", "보냄".
  if (/(?:봄|둠|줌|옴|씀|감|놓음|넣음)$/u.test(word) || (/김$/u.test(word) && [...word].length >= 2)) return true;
  const syllables = [...word];
  const previous = core.split(/\s+/u).at(-2) ?? '';
  // "보고서 제출할 것": an ㄹ-form before 것 is a thing to do.
  if (word === '것' && finalOf([...previous].at(-1) ?? '') === 'ㄹ') return true;
  // A verbal noun, bare or before a particle-free end: "회의실 예약", "자료 준비".
  return isActionNoun(word) || (syllables.length > 2 && isActionNoun(syllables.slice(-2).join('')));
}

/**
 * Whether a line is written in Korean: it has Hangul and ends in a Hangul word, or most of its
 * letters are Hangul. So API names and loanwords in Latin letters inside a Korean sentence
 * ("useState와 useReducer 공식 문서 읽기") count as Korean; an English sentence does not.
 */
export function isKoreanLine(text: string): boolean {
  const line = text.slice(0, MAX_ANALYSED_CHARS);
  if (!hasHangul(line)) return false;
  const core = sentenceCore(line);
  if (hasHangul(lastWord(core))) return true;
  const letters = letterCount(core);
  const hangul = core.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  return letters > 0 && hangul / letters >= 0.5;
}

/** Whether a line is written in English: mostly Latin letters, no more Hangul than a name or two. */
export function isEnglishLine(text: string): boolean {
  const line = text.slice(0, MAX_ANALYSED_CHARS);
  const letters = letterCount(line);
  if (letters === 0) return false;
  const latin = line.match(/[A-Za-z]/gu)?.length ?? 0;
  return latin / letters >= 0.7;
}
