/** How long the first Ctrl-C waits for calls in flight before aborting them. */
export const STOP_GRACE_MS = 10_000;

/**
 * The signal that aborts calls in flight: the user's own cancel (a second Ctrl-C, SIGTERM), or
 * `graceMs` after the first Ctrl-C, so a hung call cannot hold an interrupted run open for its whole
 * timeout. `dispose` clears the timer once the run is over.
 */
export function cancelAfterGrace(stop: AbortSignal | undefined, cancel: AbortSignal | undefined, graceMs: number): { signal: AbortSignal | undefined; dispose: () => void } {
  if (stop === undefined) return { signal: cancel, dispose: () => {} };
  const expired = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(() => expired.abort(), graceMs);
    timer.unref();
  };
  if (stop.aborted) arm();
  else stop.addEventListener('abort', arm, { once: true });
  return {
    signal: cancel === undefined ? expired.signal : AbortSignal.any([cancel, expired.signal]),
    dispose: () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', arm);
    },
  };
}
