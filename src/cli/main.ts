import { CommanderError } from 'commander';
import { isUserError } from '../errors.ts';
import { processIO, type CliIO } from './cli-io.ts';
import { createCommands } from './commands/index.ts';
import { EXIT } from './exit-codes.ts';
import { createProgram } from './program.ts';

/**
 * The one top-level catch: a user's mistake prints its lines and exits 2 without a stack; a bug
 * still shows its stack, because that is what a bug report needs.
 */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
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
    if (isUserError(e)) {
      io.stderr(`${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
}

function defaultIO(): CliIO {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    // A second Ctrl-C means "now": results already written stay whole, the rest is left for --resume.
    if (interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write('\nInterrupted: finishing calls in flight (Ctrl-C again to quit now)…\n');
    controller.abort();
  });
  return processIO(controller.signal);
}
