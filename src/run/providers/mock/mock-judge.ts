import { contentHash } from '../../../plan/content-hash.ts';
import type { CompletionRequest } from '../provider.ts';

/**
 * A simulated judge, for trying the judge's plumbing with no key: a verdict in the rubric's shape
 * whose levels are drawn from a hash of the request (mostly 2, sometimes 1, rarely 0), and for a
 * pair the reply whose text hashes higher, whichever order it is shown in. Its verdicts mean
 * nothing, and a run judged by it is marked simulated everywhere.
 */
export function mockJudgeReply(request: CompletionRequest): string {
  if (request.purpose === 'pairwise') return mockPreference(request);
  const dimensions: Record<string, { reason: string; level: number }> = {};
  for (const id of request.dimensions ?? []) {
    const roll = unit(contentHash([request.messages, id, 'judge']));
    dimensions[id] = { reason: 'simulated judge verdict', level: roll < 0.04 ? 0 : roll < 0.25 ? 1 : 2 };
  }
  return JSON.stringify({ dimensions });
}

function mockPreference(request: CompletionRequest): string {
  const text = request.messages.at(-1)?.content ?? '';
  const first = between(text, '<reply_a>', '</reply_a>');
  const second = between(text, '<reply_b>', '</reply_b>');
  const [x, y] = [unit(contentHash([first, 'prefer'])), unit(contentHash([second, 'prefer']))];
  const winner = Math.abs(x - y) < 0.1 ? 'tie' : x > y ? 'A' : 'B';
  return JSON.stringify({ reason: 'simulated judge preference', winner });
}

function between(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  const end = text.indexOf(close, start);
  return start < 0 || end < 0 ? '' : text.slice(start + open.length, end);
}

function unit(hex: string): number {
  return Number.parseInt(hex.slice(0, 8), 16) / 0x1_0000_0000;
}
