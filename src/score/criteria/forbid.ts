import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { getReplyText, normalizeForMatch } from '../reply-text.ts';

/** All or nothing: one forbidden word (e.g. a leaked system prompt) spoils the reply. */
export const scoreForbid: CriterionScorer<'forbid'> = ({ testCase, reply }) => {
  const forbid = testCase.expect.forbid;
  if (forbid === undefined || forbid.length === 0) return notApplicable('nothing forbidden');
  const text = getReplyText(reply);
  if (text === null) return notApplicable('no reply text');
  const haystack = normalizeForMatch(text);
  const found = forbid.find((word) => haystack.includes(normalizeForMatch(word)));
  if (found === undefined) return { score: 1, reason: `none of ${forbid.length} forbidden words` };
  return { score: 0, reason: `contains forbidden "${found}"` };
};
