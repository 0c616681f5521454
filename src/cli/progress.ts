import { SingleBar } from 'cli-progress';
import type { TrialResult } from '../results/trial-result.ts';

export interface ProgressOptions {
  total: number;
  /** Calls already in results.jsonl (a resumed run): counted as done, not in the rate. */
  alreadyDone?: number;
  /** Calls to make per target: with it the ETA is the slowest target's, not the mean rate's. */
  perTarget?: ReadonlyMap<string, number>;
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
  /** Draws the last state once and stops; later results are ignored (a Ctrl-C stops the bar early). */
  finish(): void;
}

interface Counts {
  done: number;
  /** Replies the model gave but not in the asked format or schema. */
  format: number;
  /** Calls that failed after their retries. */
  api: number;
}

interface Stats {
  rate: number;
  eta: number | undefined;
}

/**
 * A live bar on a terminal (done/total, rate, format and API errors, ETA); plain periodic lines
 * when piped, so CI logs stay readable.
 *
 * The ETA: each target's remaining calls at that target's own rate so far, the largest of them.
 * A mean rate over all calls says "done soon" while the fast target finishes and the slow one
 * has most of its calls still to make.
 */
export function createProgress(options: ProgressOptions): Progress {
  const started = options.now();
  const base = options.alreadyDone ?? 0;
  const counts: Counts = { done: base, format: 0, api: 0 };
  const doneByTarget = new Map<string, number>();
  const stats = (): Stats => {
    const elapsed = (options.now() - started) / 1000;
    const rate = elapsed > 0 ? (counts.done - base) / elapsed : 0;
    return { rate, eta: estimate(elapsed, rate) };
  };
  const estimate = (elapsed: number, rate: number): number | undefined => {
    if (options.perTarget === undefined || options.perTarget.size <= 1) return rate > 0 ? Math.round((options.total - counts.done) / rate) : undefined;
    let slowest = 0;
    for (const [target, planned] of options.perTarget) {
      const done = doneByTarget.get(target) ?? 0;
      const left = planned - done;
      if (left <= 0) continue;
      if (done === 0 || elapsed <= 0) return undefined;
      slowest = Math.max(slowest, left / (done / elapsed));
    }
    return Math.round(slowest);
  };
  const count = (result: TrialResult) => {
    counts.done++;
    if (result.outcome === 'format_error' || result.outcome === 'schema_error') counts.format++;
    if (result.outcome === 'provider_error') counts.api++;
    doneByTarget.set(result.target, (doneByTarget.get(result.target) ?? 0) + 1);
  };
  const view = options.tty ? barView(options, counts) : lineView(options, counts);
  let finished = false;
  return {
    onResult(result) {
      if (finished) return;
      count(result);
      view.update(stats());
    },
    finish() {
      if (finished) return;
      finished = true;
      view.finish(stats());
    },
  };
}

interface ProgressView {
  update(stats: Stats): void;
  finish(stats: Stats): void;
}

function errorsText(counts: Counts, sep: string): string {
  return `format errors ${counts.format}${sep}API errors ${counts.api}`;
}

function etaText(eta: number | undefined): string {
  if (eta === undefined) return '-';
  return eta < 60 ? `${eta}s` : `${Math.floor(eta / 60)}m ${String(eta % 60).padStart(2, '0')}s`;
}

function barView(options: ProgressOptions, counts: Counts): ProgressView {
  // cli-progress draws through readline's cursor helpers, which only need `write` and `isTTY`.
  const stream = { isTTY: true, columns: options.columns ?? 80, write: (text: string) => (options.write(text), true) };
  const bar = new SingleBar({
    stream: stream as unknown as NodeJS.WritableStream,
    format: '{bar} {value}/{total} {percentage}% | {rate}/s | {errors} | ETA {etaText}',
    barsize: 24,
    hideCursor: false,
    fps: 8,
    etaBuffer: 50,
  });
  bar.start(options.total, counts.done, { rate: '0.0', errors: errorsText(counts, ' | '), etaText: '-' });
  const payload = (stats: Stats) => ({ rate: stats.rate.toFixed(1), errors: errorsText(counts, ' | '), etaText: etaText(stats.eta) });
  return {
    update(stats) {
      bar.update(counts.done, payload(stats));
    },
    finish(stats) {
      bar.update(counts.done, payload(stats));
      bar.stop();
    },
  };
}

function lineView(options: ProgressOptions, counts: Counts): ProgressView {
  const interval = options.intervalMs ?? 5000;
  let lastTime = options.now();
  let lastWritten = -1;
  const write = (stats: Stats) => {
    const pct = options.total > 0 ? Math.floor((counts.done / options.total) * 100) : 100;
    lastWritten = counts.done;
    options.write(`[${String(counts.done).padStart(String(options.total).length)}/${options.total}] ${pct}%  ${stats.rate.toFixed(1)}/s  ${errorsText(counts, '  ')}${stats.eta === undefined ? '' : `  ETA ${etaText(stats.eta)}`}\n`);
  };
  return {
    update(stats) {
      if (options.now() - lastTime >= interval) {
        lastTime = options.now();
        write(stats);
      }
    },
    finish(stats) {
      // The last periodic line may already say it all: never print the same line twice.
      if (lastWritten !== counts.done) write(stats);
    },
  };
}
