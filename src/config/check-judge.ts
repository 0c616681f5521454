import type { Problem } from '../errors.ts';
import type { Criterion } from './rubric-schema.ts';

/**
 * A judge criterion and a judge target only make sense together: one without the other either
 * cannot be scored or pays for calls whose verdict is thrown away. (Two judge criteria are refused
 * by the rubric schema itself.)
 */
export function checkJudge(input: {
  criteria: readonly Criterion[];
  /** `judge:` is set to a valid target spec. */
  judgeSet: boolean;
  /** The judge also has other work (pairwise comparisons, calibration): no criterion needed. */
  otherUse?: boolean;
  /** The config's `judge` or `rubric` value was wrong, so the defaults stand in: say nothing about them. */
  unusable: ReadonlySet<string>;
  locate: (path: readonly PropertyKey[]) => Omit<Problem, 'message'>;
}): Problem[] {
  const criterion = input.criteria.findIndex((c) => c.name === 'judge');
  if (criterion >= 0 && !input.judgeSet && !input.unusable.has('judge')) {
    return [{ ...input.locate(['rubric', 'criteria', criterion]), message: 'a `judge` criterion needs a `judge` target (set `judge:` to a model, e.g. openai:gpt-4.1-mini)' }];
  }
  if (criterion < 0 && input.judgeSet && input.otherUse !== true && !input.unusable.has('rubric')) {
    return [{ ...input.locate(['judge']), message: 'judge target set but no judge criterion in rubric.criteria (add `{ name: judge }`, set `judge.pairwise`, or remove `judge:`)' }];
  }
  return [];
}
