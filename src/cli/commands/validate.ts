import { loadProject } from '../../config/load-project.ts';
import { terminalLine } from '../../text/terminal-text.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';

/** Loads everything the way `run` does; a mistake throws a UserError with one line each. */
export async function validateCommand(flags: { config?: string; cases?: string[] }, io: CliIO): Promise<number> {
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config, cases: flags.cases });
  const examples = project.variants.reduce((n, v) => n + v.examples.length, 0);
  io.stdout(
    `ok: ${terminalLine(project.configFile)} — ${project.variants.length} variants (${examples} examples), ${project.cases.length} cases in ${project.caseFiles.length} files, ${project.targets.length} target(s): ${project.targets.map((t) => terminalLine(t.id, 200)).join(', ')}\n`,
  );
  return EXIT.ok;
}
