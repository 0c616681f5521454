import type { CliIO } from '../cli-io.ts';
import type { Commands } from '../program.ts';

/**
 * Each command loads its modules only when it runs: `--help` and `validate` never pay for the
 * provider SDKs.
 */
export function createCommands(io: CliIO): Commands {
  return {
    run: async (flags) => (await import('./run.ts')).runCommand(flags, io),
    validate: async (flags) => (await import('./validate.ts')).validateCommand(flags, io),
    render: async (variant, caseId, flags) => (await import('./render.ts')).renderCommand(variant, caseId, flags, io),
    list: async (flags) => (await import('./list.ts')).listCommand(flags, io),
    init: async (dir, flags) => (await import('./init.ts')).initCommand(dir, flags, io),
    report: async (runDir, flags) => (await import('./report.ts')).reportCommand(runDir, flags, io),
    view: async (runsDir, flags) => (await import('./view.ts')).viewCommand(runsDir, flags, io),
    compare: async (runA, runB, flags) => (await import('./compare.ts')).compareCommand(runA, runB, flags, io),
    calibrate: async (flags) => (await import('./calibrate.ts')).calibrateCommand(flags, io),
  };
}
