const SYLLABLE_BASE = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const MEDIALS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
// Index 0 is "no final consonant".
const FINALS = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];

export function isHangulSyllable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= SYLLABLE_BASE && code <= SYLLABLE_LAST;
}

/** Any Hangul letter: syllables and both jamo blocks (ㄱ, ㅏ), so "ㅋㅋ" counts. */
export function hasHangul(text: string): boolean {
  return /\p{Script=Hangul}/u.test(text);
}

/**
 * Syllables decomposed into compatibility jamo ("이삿짐" → "ㅇㅣㅅㅏㅅㅈㅣㅁ"), other characters
 * kept. Prefix matching on jamo lets "이사" find "이삿짐" and "맡기" find "맡길", which differ
 * inside a syllable.
 */
export function toJamo(text: string): string {
  let out = '';
  for (const char of text) {
    if (!isHangulSyllable(char)) {
      out += char;
      continue;
    }
    const index = (char.codePointAt(0) ?? 0) - SYLLABLE_BASE;
    out += (INITIALS[Math.floor(index / 588)] ?? '') + (MEDIALS[Math.floor((index % 588) / 28)] ?? '') + (FINALS[index % 28] ?? '');
  }
  return out;
}

/** The final consonant of a syllable ('' when it has none or is not a syllable). */
export function finalOf(char: string): string {
  if (!isHangulSyllable(char)) return '';
  return FINALS[((char.codePointAt(0) ?? 0) - SYLLABLE_BASE) % 28] ?? '';
}

/** One syllable from its parts, or null when a part is not a jamo of that position. */
export function composeSyllable(initial: string, medial: string, final = ''): string | null {
  const i = INITIALS.indexOf(initial);
  const m = MEDIALS.indexOf(medial);
  const f = FINALS.indexOf(final);
  if (i < 0 || m < 0 || f < 0) return null;
  return String.fromCodePoint(SYLLABLE_BASE + i * 588 + m * 28 + f);
}

export function isConsonantJamo(jamo: string): boolean {
  return INITIALS.includes(jamo) || (FINALS.includes(jamo) && jamo !== '');
}

export function isVowelJamo(jamo: string): boolean {
  return jamo !== '' && MEDIALS.includes(jamo);
}
