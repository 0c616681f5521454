import type { Rubric } from '../config/rubric-schema.ts';
import type { Variant } from '../config/variant-schema.ts';
import { parseReply, type Outcome, type Reply } from '../parse/index.ts';
import { NO_EXPECTATIONS, scoreTrial, type PromptExpectations, type TrialScore } from '../score/index.ts';
import type { LabeledReply } from './labeled-schema.ts';

export interface ScoredLabel {
  entry: LabeledReply;
  outcome: Outcome;
  reply: Reply | null;
  scored: TrialScore;
  /** The rubric's verdict; a reply it could not score (never: labeled replies have no provider) counts as fail. */
  rubricPass: boolean;
  /** The criteria that cost the pass, with their reasons. */
  failed: { name: string; reason: string }[];
}

/**
 * Scores one labeled reply as a run would: a `raw` reply goes through the parser, a normalized one
 * is taken as it is. The prompt's expectations (fixed refusal, item length) come from the entry's
 * `variant`, else the given default variant, else none.
 */
export function scoreLabeled(entry: LabeledReply, rubric: Rubric, variants: ReadonlyMap<string, Variant>, defaultVariant: Variant | undefined): ScoredLabel {
  let outcome: Outcome;
  let reply: Reply | null;
  if (entry.raw !== undefined) {
    const parsed = parseReply(entry.raw);
    outcome = parsed.outcome;
    reply = parsed.reply;
  } else {
    reply = entry.reply ?? null;
    outcome = reply === null ? 'format_error' : reply.type;
  }
  const variant = (entry.variant === undefined ? undefined : variants.get(entry.variant)) ?? defaultVariant;
  const prompt: PromptExpectations = variant === undefined ? NO_EXPECTATIONS : { refusal: variant.refusal, maxItemChars: variant.maxItemChars };
  const scored = scoreTrial({ testCase: entry, outcome, reply, prompt }, rubric);
  const failed = rubric.criteria.flatMap((c) => {
    const s = scored.scores[c.name];
    if (s === undefined || s.score === null) return [];
    const costs = c.gate ? s.score < 1 : s.score < rubric.passThreshold;
    return costs ? [{ name: c.name, reason: s.reason }] : [];
  });
  return { entry, outcome, reply, scored, rubricPass: scored.pass === true, failed };
}
