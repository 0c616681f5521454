import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { compareRuns } from '../../compare/compare-runs.ts';
import { errnoText } from '../../config/read-yaml-file.ts';
import { UserError } from '../../errors.ts';
import { renderCompareMd } from '../../report/render-compare-md.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import { readRunInput } from '../read-run-input.ts';

export interface CompareFlags {
  out?: string;
  minEffect?: number;
}

/** `compare <runA> <runB>`: run B against run A as markdown, to stdout or `--out FILE`. */
export async function compareCommand(runA: string, runB: string, flags: CompareFlags, io: CliIO): Promise<number> {
  const a = await readRunInput(runA, 'runA', io);
  const b = await readRunInput(runB, 'runB', io);
  const markdown = renderCompareMd(compareRuns(a, b), { minEffect: flags.minEffect });
  if (flags.out === undefined) {
    io.stdout(markdown);
    return EXIT.ok;
  }
  const file = resolve(io.cwd, flags.out);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, markdown);
  } catch (e) {
    throw new UserError('CANNOT_WRITE', `--out ${flags.out}: cannot write the comparison (${errnoText(e)})`);
  }
  io.stderr(`wrote ${flags.out}\n`);
  return EXIT.ok;
}
