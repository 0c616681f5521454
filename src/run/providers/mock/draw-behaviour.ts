import type { ReplyType } from '../../../parse/reply-schema.ts';
import type { SimulationHints } from '../provider.ts';
import { errorRate } from './case-difficulty.ts';

/** A mistake of content a real model makes, each one a failure mode of the rubric. */
export type ContentFault = 'echo' | 'single' | 'duplicate' | 'question-in-answer' | 'paragraph' | 'order' | 'stock-question' | 'answers-anyway';
/** A slip of form: the reply still parses (salvaged), or it does not. */
export type FormatSlip = 'prose' | 'fence' | 'broken' | 'string-list';

export interface Behaviour {
  type: ReplyType;
  fault: ContentFault | null;
  slip: FormatSlip | null;
}

/** Share of the model's mistakes that are the wrong kind of reply; the rest are faults of content. */
const WRONG_TYPE_SHARE = 0.6;
/** How often a case that accepts two kinds gets the other one: a defensible choice, not a mistake. */
const ALTERNATIVE_RATE = 0.3;
/** Format slips, the same for every prompt: salvageable prose or fences, then broken or unlisted replies. */
const SLIPS: readonly [FormatSlip, number][] = [
  ['prose', 0.025],
  ['fence', 0.02],
  ['broken', 0.012],
  ['string-list', 0.008],
];

const FAULTS: Record<ReplyType, readonly ContentFault[]> = {
  answer: ['echo', 'single', 'duplicate', 'question-in-answer', 'paragraph'],
  question: ['order', 'stock-question', 'echo'],
  invalid: ['answers-anyway'],
};

/**
 * What the simulated model does on one call, from uniform draws. The error rate comes from the
 * case alone; the draws differ by prompt, so two prompts see independent samples of the same
 * skill, as two prompt wordings that do not matter would.
 */
export function drawBehaviour(hints: SimulationHints, draw: () => number): Behaviour {
  let type = hints.expectedType;
  let fault: ContentFault | null = null;
  if (draw() < errorRate(hints)) {
    const wrong = (['answer', 'question', 'invalid'] as const).filter((t) => !hints.acceptedTypes.includes(t));
    if (draw() < WRONG_TYPE_SHARE && wrong.length > 0) type = pick(wrong, draw);
    else fault = pick(FAULTS[type], draw);
  } else {
    const others = hints.acceptedTypes.filter((t) => t !== hints.expectedType);
    if (others.length > 0 && draw() < ALTERNATIVE_RATE) type = pick(others, draw);
  }
  return { type, fault, slip: drawSlip(draw()) };
}

function drawSlip(roll: number): FormatSlip | null {
  let edge = 0;
  for (const [slip, rate] of SLIPS) {
    edge += rate;
    if (roll < edge) return slip;
  }
  return null;
}

function pick<T>(list: readonly T[], draw: () => number): T {
  return list[Math.min(list.length - 1, Math.floor(draw() * list.length))] as T;
}
