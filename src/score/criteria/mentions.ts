import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { formatShare, getReplyText, normalizeForMatch } from '../reply-text.ts';

/** Share of the case's expected mentions found anywhere in the reply (case- and whitespace-insensitive). */
export const scoreMentions: CriterionScorer<'mentions'> = ({ testCase, reply }) => {
  const mentions = testCase.expect.mentions;
  if (mentions === undefined || mentions.length === 0) return notApplicable('no expected mentions');
  const text = getReplyText(reply);
  if (text === null) return notApplicable('no reply text');
  const haystack = normalizeForMatch(text);
  const missing = mentions.filter((m) => !haystack.includes(normalizeForMatch(m)));
  const found = mentions.length - missing.length;
  const share = formatShare(found, mentions.length);
  if (missing.length === 0) return { score: 1, reason: `${share} mentions found` };
  return { score: found / mentions.length, reason: `${share} mentions found; missing ${missing.map((m) => `"${m}"`).join(', ')}` };
};
