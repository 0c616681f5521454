import { contentHash } from '../../../plan/content-hash.ts';
import type { Completion, CompletionRequest, Provider, SimulationHints } from '../provider.ts';
import { classifyTodo } from './classify-todo.ts';
import { drawBehaviour } from './draw-behaviour.ts';
import { mockJudgeReply } from './mock-judge.ts';
import { applyFault, intendedReply, writeReply } from './write-reply.ts';

/**
 * A deterministic simulated model for trying the tool with no key. It plays a competent model
 * that knows each case's reference reply and errs at a rate set by the case alone (hard tags,
 * length, defensible alternatives): every prompt has the same skill, and prompts differ only by
 * independent draws of the same chances. So a run on the mock shows the harness working and the
 * statistics telling noise from a difference; it says nothing about which prompt is better.
 * Every report marks it as simulated.
 */
export function createMockProvider(): Provider {
  return {
    simulated: true,
    complete(request: CompletionRequest): Promise<Completion> {
      const text = request.purpose === 'judge' || request.purpose === 'pairwise' ? mockJudgeReply(request) : modelReply(request);
      const promptChars = request.system.length + request.messages.reduce((n, m) => n + m.content.length, 0);
      return Promise.resolve({
        text,
        usage: { inputTokens: Math.ceil(promptChars / 2), outputTokens: Math.ceil(text.length / 2) },
      });
    },
  };
}

function modelReply(request: CompletionRequest): string {
  const hints = request.simulation ?? guessHints(request);
  // The prompt enters only as the seed of the draws: the same chances, independent samples.
  const promptKey = contentHash([request.system, request.messages.map((m) => m.content)]);
  const draw = drawStream(contentHash([request.model, hints.caseId, hints.input, hints.repeat, request.params.temperature ?? null, promptKey]));
  const behaviour = drawBehaviour(hints, draw);
  const intended = intendedReply(behaviour.type, hints);
  const reply = behaviour.fault === null ? intended : applyFault(intended, behaviour.fault, hints);
  // With structured outputs the provider enforces the shape: the content may still be wrong, its form cannot slip.
  if (request.output !== undefined) return JSON.stringify({ reply });
  return writeReply(reply, { form: hints.replyForm, thinking: hints.thinking }, behaviour.slip);
}

/** Without hints (a bare request, as in some tests) the model reads the to-do's cues itself. */
function guessHints(request: CompletionRequest): SimulationHints {
  const input = request.input ?? request.messages.at(-1)?.content ?? '';
  const type = classifyTodo(input);
  return {
    caseId: input,
    input,
    expectedType: type,
    acceptedTypes: [type],
    reference: undefined,
    tags: [],
    lang: /^[\x20-\x7e]*$/u.test(input) ? 'en' : 'ko',
    turns: 0,
    repeat: 0,
    replyForm: 'json',
    thinking: false,
    refusal: null,
  };
}

/** Uniform draws from a seed, each the next slice of a hash chain: deterministic and independent enough. */
function drawStream(seed: string): () => number {
  let state = seed;
  let offset = 0;
  return () => {
    if (offset + 8 > state.length) {
      state = contentHash([state, 'next']);
      offset = 0;
    }
    const value = Number.parseInt(state.slice(offset, offset + 8), 16) / 0x1_0000_0000;
    offset += 8;
    return value;
  };
}

