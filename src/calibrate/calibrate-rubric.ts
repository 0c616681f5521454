import { relative } from 'node:path';
import { glob } from 'tinyglobby';
import type { RubricCalibration } from '../aggregate/summary-types.ts';
import type { Rubric } from '../config/rubric-schema.ts';
import type { Variant } from '../config/variant-schema.ts';
import type { Problem } from '../errors.ts';
import { buildCalibration, rubricVerdict, type Calibration } from './build-calibration.ts';
import { loadLabeled } from './load-labeled.ts';
import { scoreLabeled } from './score-labeled.ts';

export interface RubricCalibrationRun {
  files: string[];
  calibration: Calibration;
  problems: Problem[];
}

/** Finds the labeled set, loads it (I/O) and scores it with the rubric (pure). No files: null. */
export async function calibrateRubric(input: {
  patterns: string[];
  base: string;
  cwd: string;
  rubric: Rubric;
  variants: readonly Variant[];
  variant?: Variant | undefined;
}): Promise<RubricCalibrationRun | null> {
  const files = (await glob(input.patterns, { cwd: input.base, absolute: true, onlyFiles: true })).sort();
  if (files.length === 0) return null;
  const { labels, problems } = await loadLabeled(files, input.cwd);
  const byId = new Map(input.variants.map((v) => [v.id, v]));
  const scored = labels.map(({ entry }) => scoreLabeled(entry, input.rubric, byId, input.variant));
  return { files: files.map((f) => relative(input.cwd, f)), calibration: buildCalibration(scored.map(rubricVerdict)), problems };
}

/** What summary.json keeps, and report.md cites, of a calibration. */
export function summarizeCalibration(run: RubricCalibrationRun): RubricCalibration {
  const figure = (a: Calibration['shown']) => ({ n: a.n, accuracy: a.accuracy, kappa: a.kappa });
  return { labeledFiles: run.files, shown: figure(run.calibration.shown), meaning: figure(run.calibration.meaning) };
}
