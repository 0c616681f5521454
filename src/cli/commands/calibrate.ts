import { relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { buildCalibration, rubricVerdict } from '../../calibrate/build-calibration.ts';
import { loadLabeled } from '../../calibrate/load-labeled.ts';
import { renderCalibration } from '../../calibrate/render-calibration.ts';
import { scoreLabeled } from '../../calibrate/score-labeled.ts';
import { loadProject } from '../../config/load-project.ts';
import { UserError } from '../../errors.ts';
import type { CliIO } from '../cli-io.ts';
import type { CalibrateFlags } from '../program.ts';
import { EXIT } from '../exit-codes.ts';


/**
 * Scores the labeled set (human-graded replies) with the configured rubric and prints how often
 * the rubric agrees with the people: overall, on the faults a reply shows by itself, on the faults
 * only its meaning shows, and per failure mode. `--min-agreement` makes it a CI check (exit 1).
 */
export async function calibrateCommand(flags: CalibrateFlags, io: CliIO): Promise<number> {
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config });
  const patterns = flags.labeled ?? toList(project.config.labeled);
  const base = flags.labeled ? io.cwd : project.root;
  const files = (await glob(patterns, { cwd: base, absolute: true, onlyFiles: true })).sort();
  const where = flags.labeled ? '--labeled' : `${project.configFile} › labeled`;
  if (files.length === 0) throw new UserError('NO_LABELED_SET', 'no labeled set', [{ file: where, message: `no files match ${patterns.join(', ')}: add human-graded replies (see cases/labeled/README.md)` }]);
  const { labels, problems } = await loadLabeled(files, io.cwd);
  if (problems.length > 0) throw new UserError('BAD_LABELED_SET', 'labeled set has mistakes', problems);

  const variants = new Map(project.variants.map((v) => [v.id, v]));
  const variant = flags.variant === undefined ? undefined : variants.get(flags.variant);
  if (flags.variant !== undefined && variant === undefined) {
    throw new UserError('UNKNOWN_VARIANT', 'unknown variant', [{ file: '--variant', message: `no variant "${flags.variant}" (known: ${[...variants.keys()].join(', ')})` }]);
  }
  const scored = labels.map(({ entry }) => scoreLabeled(entry, project.config.rubric, variants, variant));
  const calibration = buildCalibration(scored.map(rubricVerdict));
  const shownFiles = files.map((f) => relative(io.cwd, resolve(f)));
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
