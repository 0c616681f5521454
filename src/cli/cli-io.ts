/** Everything a command touches in the outside world, injected so tests run the CLI in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stderr is a terminal (progress bar) and stdout is one (colour). */
  stderrIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** Terminal width of stderr, for the progress bar. */
  stderrColumns?: number | undefined;
  /** Wall clock, for run ids and timestamps. */
  now: () => Date;
  /** Aborted on the first Ctrl-C: start no new call, let calls in flight finish. */
  stop?: AbortSignal | undefined;
  /** Aborted on a second Ctrl-C or SIGTERM: abort calls in flight too. */
  cancel?: AbortSignal | undefined;
  /** After `stop`, how long calls in flight may still finish before they are aborted. @default STOP_GRACE_MS */
  stopGraceMs?: number | undefined;
}

export function processIO(stop?: AbortSignal, cancel?: AbortSignal): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrColumns: process.stderr.columns,
    now: () => new Date(),
    stop,
    cancel,
  };
}

/** NO_COLOR (any value) turns colour off; FORCE_COLOR turns it on even when piped. */
export function useColor(io: CliIO): boolean {
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  return io.stdoutIsTTY;
}
