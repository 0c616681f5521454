import { SingleBar } from 'cli-progress';
import type { TrialResult } from '../results/trial-result.ts';

export interface ProgressOptions {
  total: number;
  /** Calls already in results.jsonl (a resumed run): counted as done, not in the rate. */
  alreadyDone?: number;
  write: (text: string) => void;
  tty: boolean;
  /** Terminal width, for the bar; ignored when not a TTY. */
  columns?: number | undefined;
  now: () => number;
  /** Non-TTY: at most one line per this many ms (and at the end). */
  intervalMs?: number;
}

export interface Progress {
  onResult(result: TrialResult): void;
  finish(): void;
}

const ERROR_OUTCOMES = new Set(['provider_error', 'format_error', 'schema_error']);

/**
 * A live bar on a terminal (done/total, rate, errors, ETA); plain periodic lines when piped, so
 * CI logs stay readable. Errors are replies that could not be scored as asked: format, schema and
 * provider errors.
 */
export function createProgress(options: ProgressOptions): Progress {
  const started = options.now();
  const base = options.alreadyDone ?? 0;
  let done = base;
  let errors = 0;
  const stats = () => {
    const elapsed = (options.now() - started) / 1000;
    const rate = elapsed > 0 ? (done - base) / elapsed : 0;
    const eta = rate > 0 ? Math.round((options.total - done) / rate) : undefined;
    return { rate, eta };
  };
  return options.tty ? barProgress(options, stats, count) : lineProgress(options, stats, count);

  function count(result: TrialResult): { done: number; errors: number } {
    done++;
    if (ERROR_OUTCOMES.has(result.outcome)) errors++;
    return { done, errors };
  }
}

type Stats = () => { rate: number; eta: number | undefined };
type Count = (result: TrialResult) => { done: number; errors: number };

function barProgress(options: ProgressOptions, stats: Stats, count: Count): Progress {
  // cli-progress draws through readline's cursor helpers, which only need `write` and `isTTY`.
  const stream = { isTTY: true, columns: options.columns ?? 80, write: (text: string) => (options.write(text), true) };
  const bar = new SingleBar({
    stream: stream as unknown as NodeJS.WritableStream,
    format: '{bar} {value}/{total} {percentage}% | {rate}/s | errors {errors} | ETA {etaText}',
    barsize: 24,
    hideCursor: false,
    fps: 8,
    etaBuffer: 50,
  });
  bar.start(options.total, options.alreadyDone ?? 0, { rate: '0.0', errors: 0, etaText: '-' });
  return {
    onResult(result) {
      const { done, errors } = count(result);
      const { rate, eta } = stats();
      bar.update(done, { rate: rate.toFixed(1), errors, etaText: eta === undefined ? '-' : `${eta}s` });
    },
    finish() {
      bar.stop();
    },
  };
}

function lineProgress(options: ProgressOptions, stats: Stats, count: Count): Progress {
  const interval = options.intervalMs ?? 5000;
  let lastLine = options.now();
  let latest = { done: options.alreadyDone ?? 0, errors: 0 };
  const line = () => {
    const { rate, eta } = stats();
    const pct = options.total > 0 ? Math.floor((latest.done / options.total) * 100) : 100;
    return `[${String(latest.done).padStart(String(options.total).length)}/${options.total}] ${pct}%  ${rate.toFixed(1)}/s  errors ${latest.errors}${eta === undefined ? '' : `  ETA ${eta}s`}\n`;
  };
  return {
    onResult(result) {
      latest = count(result);
      if (options.now() - lastLine >= interval) {
        lastLine = options.now();
        options.write(line());
      }
    },
    finish() {
      options.write(line());
    },
  };
}
