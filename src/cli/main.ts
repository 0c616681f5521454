import { CommanderError } from 'commander';
import { isUserError } from '../errors.ts';
import { terminalLines } from '../text/terminal-text.ts';
import { processIO, type CliIO } from './cli-io.ts';
import { createCommands } from './commands/index.ts';
import { EXIT } from './exit-codes.ts';
import { createProgram } from './program.ts';
import { STOP_GRACE_MS } from './stop-grace.ts';

/**
 * The one top-level catch: a user's mistake prints its lines and exits 2 without a stack; a bug
 * still shows its stack, because that is what a bug report needs.
 */
export async function main(argv: string[], io: CliIO = defaultIO(argv[0] === 'run')): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram(createCommands(io), io, (code) => (exitCode = code));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.badInput;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    // Messages quote file names, ids and values from files and providers: each line is made safe to print.
    if (isUserError(e)) {
      io.stderr(`${terminalLines(e.message)}\n`);
      return EXIT.badInput;
    }
    io.stderr(`subtodo-eval: internal error — please report it with this trace:\n${terminalLines(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    return EXIT.internal;
  }
}

/** Two SIGINTs closer than this are one Ctrl-C delivered twice, not a second Ctrl-C. */
const SAME_KEYPRESS_MS = 250;

/**
 * First Ctrl-C: no new calls, calls in flight get STOP_GRACE_MS to finish and are kept. Second Ctrl-C (or SIGTERM, as a
 * CI cancel sends): calls in flight are aborted too. Either way the summary and report are written
 * as incomplete and the exit code is 130. A third Ctrl-C quits at once; whole lines stay whole.
 */
function defaultIO(running: boolean): CliIO {
  const stop = new AbortController();
  const cancel = new AbortController();
  let interrupts = 0;
  let lastInterrupt = Number.NEGATIVE_INFINITY;
  process.on('SIGINT', () => {
    // Started through the launcher, one Ctrl-C arrives twice: from the terminal and forwarded by
    // the launcher. Two within this window are one keypress.
    const now = Date.now();
    if (now - lastInterrupt < SAME_KEYPRESS_MS) return;
    lastInterrupt = now;
    interrupts++;
    // Other commands (the viewer) just stop on the first Ctrl-C.
    if (!running && interrupts === 1) stop.abort();
    else if (interrupts === 1) {
      process.stderr.write(`\nInterrupted: no new calls; waiting up to ${STOP_GRACE_MS / 1000}s for calls in flight (Ctrl-C again to abort them)…\n`);
      stop.abort();
    } else if (interrupts === 2) {
      process.stderr.write('\nAborting calls in flight…\n');
      cancel.abort();
    } else {
      process.exit(EXIT.interrupted);
    }
  });
  process.on('SIGTERM', () => {
    stop.abort();
    cancel.abort();
  });
  return processIO(stop.signal, cancel.signal);
}
