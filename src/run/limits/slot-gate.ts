import { ProviderError } from '../providers/provider-error.ts';
import { Fifo } from './fifo.ts';

/**
 * Calls in flight, at most `limit()` at once; the limit may move between calls (adaptive
 * concurrency). Waiters are served first come, first served. Once `signal` aborts, every waiter and
 * every later `acquire` is rejected, so Ctrl-C never leaves a call queued.
 */
export interface SlotGate {
  /** `undefined` when a slot was free (no promise, no tick); otherwise resolves once one is. */
  acquire(): Promise<void> | undefined;
  release(): void;
  readonly active: number;
  readonly waiting: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export function createSlotGate(limit: () => number, signal?: AbortSignal): SlotGate {
  let active = 0;
  const queue = new Fifo<Waiter>();
  const serve = () => {
    while (queue.size > 0 && active < limit()) {
      active++;
      queue.shift()?.resolve();
    }
  };
  signal?.addEventListener('abort', () => {
    for (const w of queue.drain()) w.reject(waitAborted());
  }, { once: true });
  return {
    acquire() {
      if (signal?.aborted) return Promise.reject(waitAborted());
      if (queue.size === 0 && active < limit()) {
        active++;
        return undefined;
      }
      return new Promise<void>((resolve, reject) => queue.push({ resolve, reject }));
    },
    release() {
      active--;
      serve();
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.size;
    },
  };
}

/**
 * Not retryable, so the retry loop gives up at once; the trial is then dropped as interrupted
 * (or discarded after a failed write), never recorded.
 */
export function waitAborted(): ProviderError {
  return new ProviderError('interrupted while waiting for a rate limit or a free slot', { retryable: false });
}
