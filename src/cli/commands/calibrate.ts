import { calibrateRubric } from '../../calibrate/calibrate-rubric.ts';
import { renderCalibration } from '../../calibrate/render-calibration.ts';
import { loadProject } from '../../config/load-project.ts';
import { didYouMean } from '../../config/suggest.ts';
import { UserError } from '../../errors.ts';
import type { CliIO } from '../cli-io.ts';
import type { CalibrateFlags } from '../program.ts';
import { EXIT } from '../exit-codes.ts';


/**
 * Scores the labeled set (human-graded replies) with the configured rubric and prints how often
 * the rubric agrees with the people: overall, on the faults a reply shows by itself, on the faults
 * only its meaning shows, and per failure mode. `--min-agreement` makes it a CI check (exit 1).
 * With `--judge` the configured judge is measured instead (see calibrate-judge.ts).
 */
export async function calibrateCommand(flags: CalibrateFlags, io: CliIO): Promise<number> {
  if (flags.judge === true) return (await import('../calibrate-judge.ts')).calibrateJudge(flags, io);
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config });
  const patterns = flags.labeled ?? toList(project.config.labeled);
  const base = flags.labeled ? io.cwd : project.root;
  const variants = new Map(project.variants.map((v) => [v.id, v]));
  const variant = flags.variant === undefined ? undefined : variants.get(flags.variant);
  if (flags.variant !== undefined && variant === undefined) {
    throw new UserError('UNKNOWN_VARIANT', 'unknown variant', [{ file: '--variant', message: `no variant "${flags.variant}"${didYouMean(flags.variant, [...variants.keys()])} (known: ${[...variants.keys()].join(', ')})` }]);
  }
  const run = await calibrateRubric({ patterns, base, cwd: io.cwd, rubric: project.config.rubric, variants: project.variants, variant });
  const where = flags.labeled ? '--labeled' : `${project.configFile} › labeled`;
  if (run === null) throw new UserError('NO_LABELED_SET', 'no labeled set', [{ file: where, message: `no files match ${patterns.join(', ')}: add human-graded replies (see cases/labeled/README.md)` }]);
  if (run.problems.length > 0) throw new UserError('BAD_LABELED_SET', 'labeled set has mistakes', run.problems);
  const { calibration } = run;
  const shownFiles = run.files;
  if (flags.json === true) io.stdout(`${JSON.stringify({ grader: 'rubric', labeledFiles: shownFiles, variant: flags.variant ?? null, ...calibration }, null, 2)}\n`);
  else io.stdout(renderCalibration(calibration, { grader: 'The rubric', labeledFiles: shownFiles, variant: flags.variant }, { showAll: flags.all === true }));

  const shown = calibration.shown.accuracy;
  if (flags.minAgreement !== undefined && (shown === null || shown < flags.minAgreement)) {
    io.stderr(`calibrate: agreement on replies whose fault the reply shows is ${shown === null ? 'unknown' : `${(shown * 100).toFixed(1)}%`}, under --min-agreement ${(flags.minAgreement * 100).toFixed(1)}%\n`);
    return EXIT.gateFailed;
  }
  return EXIT.ok;
}

function toList(globs: string | string[]): string[] {
  return typeof globs === 'string' ? [globs] : globs;
}
