import type { CriterionScorer } from '../criterion-scorer.ts';
import { clampScore, notApplicable } from '../criterion-scorer.ts';
import { getReplyText } from '../reply-text.ts';

/** Counts letters and the Hangul among them; digits, punctuation, spaces and emoji are not letters. */
export function measureHangul(text: string): { hangul: number; letters: number } {
  let hangul = 0;
  let letters = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    letters += 1;
    // Script=Hangul covers syllables and both jamo blocks (ㄱ, ㅏ), so "ㅋㅋ" counts as Korean.
    if (/\p{Script=Hangul}/u.test(char)) hangul += 1;
  }
  return { hangul, letters };
}

/** `ko` and its regional forms (`ko-KR`); the only language this criterion knows how to check. */
function isKorean(lang: string): boolean {
  return /^ko(?:[-_]|$)/iu.test(lang);
}

/**
 * Share of Hangul among letters, full marks at `minShare`. Applies to Korean cases only: other
 * languages are n/a rather than guessed, since script share says little about, say, English vs French.
 */
export const scoreLanguage: CriterionScorer<'language'> = ({ testCase, reply }, { minShare }) => {
  if (!isKorean(testCase.lang)) return notApplicable(`no check for lang "${testCase.lang}"`);
  const text = getReplyText(reply);
  if (text === null || text.trim() === '') return notApplicable('no reply text');
  const { hangul, letters } = measureHangul(text);
  if (letters === 0) return notApplicable('no letters in the reply');
  const share = hangul / letters;
  const score = minShare === 0 ? 1 : clampScore(share / minShare);
  return { score, reason: `Hangul ${Math.round(share * 100)}% of letters (full marks at ${Math.round(minShare * 100)}%)` };
};
