import type { Case, Expect } from '../../src/config/case-schema.ts';
import type { Outcome, Reply } from '../../src/parse/reply-schema.ts';
import type { JudgeVerdict, ScoreInput } from '../../src/score/score-types.ts';

export function makeCase(expect: Partial<Expect> & Pick<Expect, 'type'>, lang = 'ko'): Case {
  return { id: 'c1', input: '이사 준비하기', expect, tags: [], lang, history: [] };
}

export const answer = (...items: string[]): Reply => ({ type: 'answer', items });
export const question = (...items: string[]): Reply => ({ type: 'question', items });
export const invalid = (message: string): Reply => ({ type: 'invalid', message });

/** A ScoreInput whose outcome follows the reply (or is given, for errors). */
export function makeInput(
  expect: Partial<Expect> & Pick<Expect, 'type'>,
  reply: Reply | null,
  options: { outcome?: Outcome; lang?: string; judge?: JudgeVerdict } = {},
): ScoreInput {
  const outcome = options.outcome ?? reply?.type ?? 'format_error';
  const input: ScoreInput = { testCase: makeCase(expect, options.lang), outcome, reply };
  if (options.judge !== undefined) input.judge = options.judge;
  return input;
}
