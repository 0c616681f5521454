import type { LimitEvent } from '../run/limits/index.ts';

interface TargetThrottling {
  throttled: number;
  statuses: Set<number>;
  configured: number | undefined;
  lowest: number | undefined;
  last: number | undefined;
}

/**
 * Counts what the rate limits did during the run, for one line per throttled target at the end:
 * a progress bar is on screen while it happens, and a line per 429 would bury it.
 */
export function createLimitLog() {
  const byTarget = new Map<string, TargetThrottling>();
  const of = (event: LimitEvent) => {
    const key = event.role === 'judge' ? `${event.target} (judge)` : event.target;
    let t = byTarget.get(key);
    if (t === undefined) byTarget.set(key, (t = { throttled: 0, statuses: new Set(), configured: undefined, lowest: undefined, last: undefined }));
    return t;
  };
  return {
    onEvent(event: LimitEvent): void {
      const t = of(event);
      if (event.kind === 'throttled') {
        t.throttled++;
        t.statuses.add(event.status);
      } else {
        t.configured ??= event.from;
        t.lowest = Math.min(t.lowest ?? event.to, event.to);
        t.last = event.to;
      }
    },
    lines(): string[] {
      return [...byTarget].map(([target, t]) => {
        const slowed = t.lowest !== undefined && t.configured !== undefined && t.lowest < t.configured ? `; calls in flight went from ${t.configured} down to ${t.lowest} (${t.last} at the end)` : '';
        return `${target}: ${t.throttled} throttled repl${t.throttled === 1 ? 'y' : 'ies'} (${[...t.statuses].sort().join(', ')})${slowed}`;
      });
    },
  };
}
