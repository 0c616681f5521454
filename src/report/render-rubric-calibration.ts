import type { AgreementFigure, RubricCalibration } from '../aggregate/summary-types.ts';
import { escapeInline } from './escape-markdown.ts';

/**
 * The line under the ranking that says how far to trust the scores: how often the rubric agreed
 * with the people who graded the labeled set, on the faults a reply shows and on those only its
 * meaning shows, or that nobody has checked.
 */
export function renderRubricCalibration(calibration: RubricCalibration | undefined): string {
  if (calibration === undefined) {
    return '_The rubric has not been checked against human-graded replies (no labeled set): add some to `cases/labeled/` and run `subtodo-eval calibrate`._';
  }
  const files = calibration.labeledFiles.length === 1 ? escapeInline(calibration.labeledFiles[0] ?? '') : `${calibration.labeledFiles.length} labeled-set files`;
  return (
    `**Rubric vs people** (${files}): the rubric agrees with the human verdict ${figure(calibration.shown, 'replies that are good or whose fault the reply itself shows')}, ` +
    `and ${figure(calibration.meaning, 'replies whose fault only their meaning shows (unsafe advice, irrelevant questions: a judge’s work)')}. ` +
    'Measured when this run was made; `subtodo-eval calibrate` shows every disagreement.'
  );
}

function figure(f: AgreementFigure, what: string): string {
  if (f.accuracy === null) return `on none of the ${what}: the set has none`;
  const kappa = f.kappa === null ? '' : ` (κ ${f.kappa.toFixed(2)})`;
  return `on ${(f.accuracy * 100).toFixed(1)}% of ${f.n} ${what}${kappa}`;
}
