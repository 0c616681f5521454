import { ProviderError } from '../providers/provider-error.ts';
import { Fifo } from './fifo.ts';

/**
 * Calls in flight, at most `limit()` at once; the limit may move between calls (adaptive
 * concurrency). Waiters are served first come, first served, retries before first attempts: a
 * retry has already waited its backoff or Retry-After, and a call that meets several 429s in a row
 * should not queue behind fresh calls after each. Once `signal` aborts, every waiter and every
 * later `acquire` is rejected, so Ctrl-C never leaves a call queued.
 */
export interface SlotGate {
  /** `undefined` when a slot was free (no promise, no tick); otherwise resolves once one is. */
  acquire(retry?: boolean): Promise<void> | undefined;
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
  const retries = new Fifo<Waiter>();
  const firsts = new Fifo<Waiter>();
  const waiting = () => retries.size + firsts.size;
  const serve = () => {
    while (waiting() > 0 && active < limit()) {
      active++;
      (retries.shift() ?? firsts.shift())?.resolve();
    }
  };
  signal?.addEventListener('abort', () => {
    for (const w of [...retries.drain(), ...firsts.drain()]) w.reject(waitAborted());
  }, { once: true });
  return {
    acquire(retry = false) {
      if (signal?.aborted) return Promise.reject(waitAborted());
      if (waiting() === 0 && active < limit()) {
        active++;
        return undefined;
      }
      return new Promise<void>((resolve, reject) => (retry ? retries : firsts).push({ resolve, reject }));
    },
    release() {
      active--;
      serve();
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting();
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
