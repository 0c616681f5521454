import { composeSyllable, isConsonantJamo, isVowelJamo } from './hangul.ts';

// The standard Korean (두벌식) layout: what each key types when the IME was left in English.
const KEYS: Record<string, string> = {
  q: 'ㅂ', w: 'ㅈ', e: 'ㄷ', r: 'ㄱ', t: 'ㅅ', y: 'ㅛ', u: 'ㅕ', i: 'ㅑ', o: 'ㅐ', p: 'ㅔ',
  a: 'ㅁ', s: 'ㄴ', d: 'ㅇ', f: 'ㄹ', g: 'ㅎ', h: 'ㅗ', j: 'ㅓ', k: 'ㅏ', l: 'ㅣ',
  z: 'ㅋ', x: 'ㅌ', c: 'ㅊ', v: 'ㅍ', b: 'ㅠ', n: 'ㅜ', m: 'ㅡ',
  Q: 'ㅃ', W: 'ㅉ', E: 'ㄸ', R: 'ㄲ', T: 'ㅆ', O: 'ㅒ', P: 'ㅖ',
};
const VOWEL_PAIRS: Record<string, string> = { ㅗㅏ: 'ㅘ', ㅗㅐ: 'ㅙ', ㅗㅣ: 'ㅚ', ㅜㅓ: 'ㅝ', ㅜㅔ: 'ㅞ', ㅜㅣ: 'ㅟ', ㅡㅣ: 'ㅢ' };
const FINAL_PAIRS: Record<string, string> = {
  ㄱㅅ: 'ㄳ', ㄴㅈ: 'ㄵ', ㄴㅎ: 'ㄶ', ㄹㄱ: 'ㄺ', ㄹㅁ: 'ㄻ', ㄹㅂ: 'ㄼ', ㄹㅅ: 'ㄽ', ㄹㅌ: 'ㄾ', ㄹㅍ: 'ㄿ', ㄹㅎ: 'ㅀ', ㅂㅅ: 'ㅄ',
};

function keyOf(char: string): string {
  return KEYS[char] ?? KEYS[char.toLowerCase()] ?? '';
}

/**
 * Reads Latin letters typed with the Korean IME switched off ("qhrhtj wkrtjdgkrl" → "보고서
 * 작성하기"), or null when the text does not decode into Hangul syllables throughout. Used so that
 * a reply to a mistyped to-do is compared with what the user meant.
 */
export function decodeKeyboardTypo(text: string): string | null {
  const words = text.trim().split(/\s+/u);
  if (words.length === 0 || words.some((w) => !/^[A-Za-z]+$/u.test(w))) return null;
  const decoded: string[] = [];
  for (const word of words) {
    const syllables = composeWord([...word].map(keyOf));
    if (syllables === null) return null;
    decoded.push(syllables);
  }
  return decoded.join(' ');
}

/** Composes jamo into syllables the way the IME would; null when a vowel or consonant is left stranded. */
function composeWord(jamo: string[]): string | null {
  let out = '';
  let i = 0;
  while (i < jamo.length) {
    const initial = jamo[i] ?? '';
    if (!isConsonantJamo(initial) || !isVowelJamo(jamo[i + 1] ?? '')) return null;
    let medial = jamo[i + 1] ?? '';
    i += 2;
    const pair = VOWEL_PAIRS[medial + (jamo[i] ?? '')];
    if (pair !== undefined) {
      medial = pair;
      i += 1;
    }
    let final = '';
    // A consonant closes this syllable unless a vowel follows it (then it opens the next one).
    if (isConsonantJamo(jamo[i] ?? '') && !isVowelJamo(jamo[i + 1] ?? '')) {
      final = jamo[i] ?? '';
      i += 1;
      const both = FINAL_PAIRS[final + (jamo[i] ?? '')];
      if (both !== undefined && !isVowelJamo(jamo[i + 1] ?? '')) {
        final = both;
        i += 1;
      }
    }
    const syllable = composeSyllable(initial, medial, final);
    if (syllable === null) return null;
    out += syllable;
  }
  return out;
}
