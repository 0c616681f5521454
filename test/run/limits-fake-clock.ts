import type { LimitClock } from '../../src/run/limits/clock.ts';

/** A clock that moves only when told to, firing due timers in order and letting promises settle between them. */
export function fakeClock(): LimitClock & { advance(ms: number): Promise<void>; flush(): Promise<void>; pendingTimers(): number } {
  let t = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    now: () => t,
    setTimer(ms, fn) {
      const id = seq++;
      timers.set(id, { at: t + ms, fn });
      return () => timers.delete(id);
    },
    async advance(ms) {
      const end = t + ms;
      await flush();
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (next === undefined || entry[1].at < next[1].at)) next = entry;
        if (next === undefined) break;
        timers.delete(next[0]);
        t = next[1].at;
        next[1].fn();
        await flush();
      }
      t = end;
      await flush();
    },
    flush,
    pendingTimers: () => timers.size,
  };
}
