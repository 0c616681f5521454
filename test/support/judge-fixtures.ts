import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { parse } from 'yaml';
import { DEFAULT_JUDGE_RUBRIC } from '../../src/config/load-judge.ts';
import type { Target } from '../../src/config/target-schema.ts';
import { JudgeRubricSchema, type JudgeRubric } from '../../src/judge/index.ts';
import type { ReplyType } from '../../src/parse/reply-schema.ts';
import type { JudgeSetup } from '../../src/run/judge-call.ts';
import type { Provider } from '../../src/run/providers/provider.ts';

/** The shipped Korean rubric, as the tool reads it. */
export const RUBRIC: JudgeRubric = JudgeRubricSchema.parse(parse(readFileSync(DEFAULT_JUDGE_RUBRIC, 'utf8')));

/** The dimension ids the shipped rubric grades for a reply type. */
export function dimensionIds(type: ReplyType): string[] {
  return RUBRIC.dimensions[type].map((d) => d.id);
}

/** A judge reply: every dimension of `type` at `level`, with `levels` overriding some. */
export function verdictText(type: ReplyType, level: number, levels: Record<string, number> = {}): string {
  const dimensions = Object.fromEntries(dimensionIds(type).map((id) => [id, { reason: `${id} 근거`, level: levels[id] ?? level }]));
  return JSON.stringify({ dimensions });
}

/** The reply type a judge request grades, read from its system prompt. */
export function gradedType(system: string): ReplyType {
  const m = /<criteria type="(answer|question|invalid)">/.exec(system);
  if (!m) throw new Error('not a judge prompt');
  return m[1] as ReplyType;
}

export function makeJudge(provider: Provider, target: Target, extra: Partial<JudgeSetup['config']> & { limit?: number } = {}): JudgeSetup {
  const { limit = 2, ...config } = extra;
  return { provider, target, config: { rubric: RUBRIC, repeat: 1, reduce: 'majority', temperature: 0, ...config }, limit: pLimit(limit) };
}
