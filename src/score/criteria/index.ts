import type { CriterionName } from '../../config/rubric-schema.ts';
import type { CriterionScorer } from '../criterion-scorer.ts';
import { scoreAction } from './action.ts';
import { scoreCount } from './count.ts';
import { scoreEcho } from './echo.ts';
import { scoreForbid } from './forbid.ts';
import { scoreFragments } from './fragments.ts';
import { scoreJudge } from './judge.ts';
import { scoreLanguage } from './language.ts';
import { scoreLength } from './length.ts';
import { scoreMentions } from './mentions.ts';
import { scoreQuestionForm } from './question-form.ts';
import { scoreRefusal } from './refusal.ts';
import { scoreRelevance, scoreTopic } from './relevance.ts';
import { scoreSchema } from './schema.ts';
import { scoreType } from './type.ts';
import { scoreUnique } from './unique.ts';

/** Every built-in criterion by name; the mapped type makes a missing one a compile error. */
export const CRITERION_SCORERS: { [N in CriterionName]: CriterionScorer<N> } = {
  schema: scoreSchema,
  type: scoreType,
  count: scoreCount,
  unique: scoreUnique,
  echo: scoreEcho,
  action: scoreAction,
  fragments: scoreFragments,
  relevance: scoreRelevance,
  topic: scoreTopic,
  length: scoreLength,
  language: scoreLanguage,
  question_form: scoreQuestionForm,
  refusal: scoreRefusal,
  mentions: scoreMentions,
  forbid: scoreForbid,
  judge: scoreJudge,
};
