import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { caseLanguage } from '../case-text.ts';
import { excerpt, formatShare } from '../reply-text.ts';
import { isEnglishLine, isKoreanLine } from '../text/sentence-forms.ts';

/**
 * Gate: the reply is in the case's language, line by line. A Korean line may carry code, API
 * names and loanwords in Latin letters ("useState와 useReducer 공식 문서 읽기"): what counts is that it
 * is a Korean sentence. The prompt's fixed refusal is exempt: it is the app's sentence, not a reply
 * in kind.
 */
export const scoreLanguage: CriterionScorer<'language'> = ({ testCase, reply, prompt }, { minShare }) => {
  const lang = caseLanguage(testCase);
  if (lang === 'other') return notApplicable(`no check for lang "${testCase.lang}"`);
  if (reply === null) return notApplicable('no reply');
  const lines = reply.type === 'invalid' ? [reply.message] : reply.items;
  if (reply.type === 'invalid' && prompt?.refusal != null && reply.message.trim() === prompt.refusal.trim()) {
    return notApplicable('the prompt\'s fixed refusal');
  }
  const inLanguage = lang === 'ko' ? isKoreanLine : isEnglishLine;
  const wrong = lines.filter((line) => /\p{L}/u.test(line) && !inLanguage(line));
  const checked = lines.filter((line) => /\p{L}/u.test(line)).length;
  if (checked === 0) return notApplicable('no letters in the reply');
  const right = checked - wrong.length;
  const name = lang === 'ko' ? 'Korean' : 'English';
  const first = wrong[0];
  if (first === undefined) return { score: 1, reason: `${formatShare(right, checked)} lines in ${name}` };
  const share = right / checked;
  return { score: share >= minShare ? 1 : share, reason: `${formatShare(right, checked)} lines in ${name}; not: "${excerpt(first)}"` };
};
