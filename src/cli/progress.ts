import type { TrialResult } from '../run/result.ts';

export interface ProgressOptions {
  total: number;
  write: (text: string) => void;
  tty: boolean;
  now: () => number;
  /** Non-TTY: at most one line per this many ms (and at the end). */
  intervalMs?: number;
}

/**
 * A one-line live counter on a terminal (done/total, rate, errors, ETA); plain periodic lines
 * when piped, so CI logs stay readable.
 */
export function createProgress(options: ProgressOptions) {
  const started = options.now();
  const interval = options.intervalMs ?? 5000;
  let done = 0;
  let errors = 0;
  let lastLine = started;
  const line = () => {
    const elapsed = (options.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? Math.round((options.total - done) / rate) : undefined;
    const pct = options.total > 0 ? Math.floor((done / options.total) * 100) : 100;
    return `[${String(done).padStart(String(options.total).length)}/${options.total}] ${pct}%  ${rate.toFixed(1)}/s  errors ${errors}${eta === undefined ? '' : `  ETA ${eta}s`}`;
  };
  return {
    onResult(result: TrialResult) {
      done++;
      if (result.outcome === 'provider_error' || result.outcome === 'format_error' || result.outcome === 'schema_error') errors++;
      if (options.tty) {
        options.write(`\r${line()}\u001b[K`);
      } else if (options.now() - lastLine >= interval) {
        lastLine = options.now();
        options.write(`${line()}\n`);
      }
    },
    finish() {
      options.write(options.tty ? `\r${line()}\u001b[K\n` : `${line()}\n`);
    },
  };
}
