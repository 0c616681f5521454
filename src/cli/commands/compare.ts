import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { compareRuns } from '../../compare/compare-runs.ts';
import { errnoText } from '../../config/read-yaml-file.ts';
import { UserError } from '../../errors.ts';
import { renderCompareMd } from '../../report/render-compare-md.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import { judgeRunsHeadToHead } from '../compare-judge.ts';
import { readRunInput } from '../read-run-input.ts';

export interface CompareFlags {
  out?: string;
  minEffect?: number;
  /** Also judge the runs' replies head to head with the project's judge. */
  judge?: boolean;
  config?: string;
  /** False with `--no-cache`. */
  cache?: boolean;
}

/** `compare <runA> <runB>`: run B against run A as markdown, to stdout or `--out FILE`. */
export async function compareCommand(runA: string, runB: string, flags: CompareFlags, io: CliIO): Promise<number> {
  const a = await readRunInput(runA, 'runA', io);
  const b = await readRunInput(runB, 'runB', io);
  let markdown = renderCompareMd(compareRuns(a, b), { minEffect: flags.minEffect });
  let dead = false;
  if (flags.judge === true) {
    const judged = await judgeRunsHeadToHead(a, b, flags, io);
    markdown = `${markdown.trimEnd()}\n\n${judged.markdown}\n`;
    dead = judged.dead;
    if (dead) io.stderr('compare --judge: every judge call failed; check the judge\'s API key, model name and base URL\n');
  }
  const exit = dead ? EXIT.badInput : EXIT.ok;
  if (flags.out === undefined) {
    io.stdout(markdown);
    return exit;
  }
  const file = resolve(io.cwd, flags.out);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, markdown);
  } catch (e) {
    throw new UserError('CANNOT_WRITE', `--out ${flags.out}: cannot write the comparison (${errnoText(e)})`);
  }
  io.stderr(`wrote ${flags.out}\n`);
  return exit;
}
