import type { Case } from '../config/case-schema.ts';
import type { ReplyType } from '../parse/reply-schema.ts';
import { decodeKeyboardTypo } from './text/decode-keyboard-typo.ts';
import { specificStems } from './text/generic-words.ts';
import { hasHangul } from './text/hangul.ts';
import { stemsOf } from './text/words.ts';

export type CaseLanguage = 'ko' | 'en' | 'other';

/** `ko`, `en` and their regional forms; any other language is checked for nothing language-specific. */
export function caseLanguage(testCase: Pick<Case, 'lang'>): CaseLanguage {
  if (/^ko(?:[-_]|$)/iu.test(testCase.lang)) return 'ko';
  if (/^en(?:[-_]|$)/iu.test(testCase.lang)) return 'en';
  return 'other';
}

/** The reply types a case accepts: its type, then any `acceptable` others. */
export function acceptedTypes(testCase: Pick<Case, 'expect'>): ReplyType[] {
  return [...new Set([testCase.expect.type, ...(testCase.expect.acceptable ?? [])])];
}

export interface TodoWords {
  /** Stems of the to-do itself (the last user turn), a keyboard typo read as the Korean meant. */
  input: readonly string[];
  /** Stems of everything the user said: earlier turns too, for relevance in a multi-turn case. */
  said: readonly string[];
  /** The stems of `said` that are specific to this to-do (not planning filler). */
  specific: readonly string[];
}

const memo = new WeakMap<Case, TodoWords>();

/** The to-do's words, as the criteria compare replies with them. */
export function todoWords(testCase: Case): TodoWords {
  let words = memo.get(testCase);
  if (words === undefined) {
    const input = stemsOf(readable(testCase.input, testCase));
    const earlier = testCase.history.filter((t) => t.role === 'user').flatMap((t) => stemsOf(readable(t.content ?? '', testCase)));
    const said = [...input, ...earlier];
    words = { input, said, specific: specificStems(said) };
    memo.set(testCase, words);
  }
  return words;
}

/** A Korean to-do typed with the IME off ("qhrhtj") is compared as the Korean it meant, besides itself. */
function readable(text: string, testCase: Case): string {
  if (caseLanguage(testCase) !== 'ko' || hasHangul(text)) return text;
  const decoded = decodeKeyboardTypo(text);
  return decoded === null ? text : `${text} ${decoded}`;
}
