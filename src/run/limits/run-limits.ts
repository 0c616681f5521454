import type { Target } from '../../config/target-schema.ts';
import type { Provider } from '../providers/provider.ts';
import { createAdaptiveConcurrency } from './adaptive-concurrency.ts';
import type { LimitClock } from './clock.ts';
import { limitProvider } from './limit-provider.ts';
import { createHeaderPacer } from './header-pacer.ts';
import { createRateGate } from './rate-gate.ts';
import { createSlotGate } from './slot-gate.ts';

/** What the limits tell a listener (a progress line, a summary): all per target, never per call unless throttled. */
export type LimitEvent =
  /** A 429 or 529 reply, retried or not. */
  | { kind: 'throttled'; target: string; role: LimitRole; status: number }
  /** The target's calls in flight moved: down after throttling that tracks load, or back up after clean rounds. */
  | { kind: 'concurrency'; target: string; role: LimitRole; from: number; to: number };

export type LimitRole = 'target' | 'judge';

export interface RunLimitsOptions {
  /** Calls in flight at once over all targets. */
  concurrency: number;
  clock: LimitClock;
  /** Ends every wait (Ctrl-C, cancel, a failed write). */
  signal?: AbortSignal | undefined;
  onEvent?: ((event: LimitEvent) => void) | undefined;
  /** The clock a request's latency is measured with (the retry loop's). @default clock.now */
  now?: (() => number) | undefined;
}

export interface RunLimits {
  /** The provider whose every attempt keeps to `target`'s rpm, tpm, rate-limit headers and adaptive concurrency (at most `max`), and to the global concurrency. */
  wrap(provider: Provider, target: Target, max: number, role: LimitRole): Provider;
}

/** The limits for one run: one global slot gate, and each wrapped target's own slots, adaptive concurrency, rate gate and header pacer. */
export function createRunLimits(options: RunLimitsOptions): RunLimits {
  const { clock, signal, onEvent } = options;
  const global = createSlotGate(() => options.concurrency, signal);
  return {
    wrap(provider, target, max, role) {
      const concurrency = createAdaptiveConcurrency({ max });
      // The simulated model sends no rate-limit headers: nothing to pace from.
      const pacer = provider.simulated ? undefined : createHeaderPacer(clock.now);
      let current = max;
      return limitProvider(provider, {
        slots: createSlotGate(() => concurrency.limit, signal),
        concurrency,
        rate: createRateGate({ rpm: target.rpm, tpm: target.tpm }, clock, signal, pacer),
        pacer,
        global,
        now: options.now ?? clock.now,
        onThrottled: onEvent && ((status) => onEvent({ kind: 'throttled', target: target.id, role, status })),
        onLimit: (to) => {
          onEvent?.({ kind: 'concurrency', target: target.id, role, from: current, to });
          current = to;
        },
      });
    },
  };
}
