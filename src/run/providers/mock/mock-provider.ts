import { contentHash } from '../../../plan/content-hash.ts';
import type { ReplyType } from '../../../parse/reply-schema.ts';
import type { Completion, CompletionRequest, Provider } from '../provider.ts';
import { classifyTodo, isMostlyLatin } from './classify-todo.ts';
import { mockJudgeReply } from './mock-judge.ts';
import { readPromptFeatures, skillOf } from './prompt-features.ts';
import { buildReply, writeReply } from './write-reply.ts';

/**
 * A deterministic simulated model for trying the tool with no key. It reads the to-do with simple
 * cues and errs more often on weaker prompts (fewer examples, no stated format), so rankings move
 * the way they would, but its scores say nothing about a real model. Every report marks it.
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
  const input = request.input ?? request.messages.at(-1)?.content ?? '';
  const features = readPromptFeatures(request);
  const roll = unit(contentHash([request.model, request.system, request.messages, request.params.temperature ?? null, 'roll']));
  const pick = Math.floor(unit(contentHash([input, 'pick'])) * 1000);
  const intended = classifyTodo(input);
  const english = isMostlyLatin(input);
  const miss = 1 - skillOf(features);
  // With structured outputs the provider enforces the shape: no prose, no made-up type, only the schema's JSON.
  const enforced = request.output !== undefined;
  if (!enforced && roll < miss * 0.2) return `${input}에 대해 생각해 보면, 먼저 일정을 확인하고 준비하면 좋겠어요.`;
  if (!enforced && roll < miss * 0.3) return JSON.stringify({ type: 'maybe', items: [] });
  const type: ReplyType = roll < miss ? wrongType(intended, pick) : intended;
  if (enforced) return JSON.stringify({ reply: buildReply(type, input, english, pick) });
  return writeReply(buildReply(type, input, english, pick), features, `입력은 ${type} 유형으로 보인다.`);
}

function wrongType(intended: ReplyType, pick: number): ReplyType {
  const others = (['answer', 'question', 'invalid'] as const).filter((t) => t !== intended);
  return others[pick % others.length] ?? intended;
}

function unit(hex: string): number {
  return Number.parseInt(hex.slice(0, 8), 16) / 0x1_0000_0000;
}
