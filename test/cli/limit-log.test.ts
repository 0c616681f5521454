import { describe, expect, it } from 'vitest';
import { createLimitLog } from '../../src/cli/limit-log.ts';

describe('createLimitLog', () => {
  it('says nothing when nothing was throttled', () => {
    expect(createLimitLog().lines()).toEqual([]);
  });

  it('one line per throttled target: replies, statuses, and how far its calls in flight went down', () => {
    const log = createLimitLog();
    for (const status of [429, 429, 529]) log.onEvent({ kind: 'throttled', target: 'openai:m', role: 'target', status });
    log.onEvent({ kind: 'concurrency', target: 'openai:m', role: 'target', from: 8, to: 4 });
    log.onEvent({ kind: 'concurrency', target: 'openai:m', role: 'target', from: 4, to: 2 });
    log.onEvent({ kind: 'concurrency', target: 'openai:m', role: 'target', from: 2, to: 3 });
    log.onEvent({ kind: 'throttled', target: 'anthropic:j', role: 'judge', status: 529 });
    expect(log.lines()).toEqual([
      'openai:m: 3 throttled replies (429, 529); calls in flight went from 8 down to 2 (3 at the end)',
      'anthropic:j (judge): 1 throttled reply (529)',
    ]);
  });
});
