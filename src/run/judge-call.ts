import { z } from 'zod';
import type { Case } from '../config/case-schema.ts';
import type { Reply } from '../parse/reply-schema.ts';
import type { RenderedPrompt } from '../render/index.ts';
import type { JudgeVerdict } from '../score/score-types.ts';

const VerdictSchema = z.object({
  score: z.number().min(0).max(1),
  reason: z.string().default(''),
});

/** The grader's prompt: the written rubric, the to-do and the normalized reply, asking for JSON. */
export function renderJudgePrompt(rubric: string, testCase: Case, reply: Reply): RenderedPrompt {
  return {
    system: [
      `You grade replies of a to-do planning assistant against a rubric.`,
      'Reply with ONLY a JSON object: {"score": <number from 0 to 1>, "reason": "<one sentence>"}.',
    ].join('\n'),
    messages: [
      {
        role: 'user',
        content: [
          `<rubric>\n${rubric}\n</rubric>`,
          `<todo>\n${testCase.input}\n</todo>`,
          `<expected_type>${testCase.expect.type}</expected_type>`,
          `<reply>\n${JSON.stringify(reply, null, 2)}\n</reply>`,
        ].join('\n\n'),
      },
    ],
  };
}

/** A judge reply is schema-checked like any other: anything else is an error verdict, not a crash. */
export function parseJudgeVerdict(text: string): JudgeVerdict {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { error: 'judge reply has no JSON object' };
  let data: unknown;
  try {
    data = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { error: 'judge reply is not valid JSON' };
  }
  const checked = VerdictSchema.safeParse(data);
  if (!checked.success) return { error: `judge reply does not fit {score, reason}: ${checked.error.issues[0]?.message ?? ''}` };
  return { score: checked.data.score, reason: checked.data.reason };
}
