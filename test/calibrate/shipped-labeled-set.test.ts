import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCalibration, rubricVerdict } from '../../src/calibrate/build-calibration.ts';
import { LabeledFileSchema } from '../../src/calibrate/labeled-schema.ts';
import { scoreLabeled } from '../../src/calibrate/score-labeled.ts';
import { RubricSchema } from '../../src/config/rubric-schema.ts';
import { ROOT } from '../content/read-corpus.ts';

function calibrate(folder: string) {
  const dir = join(ROOT, 'cases', folder);
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => LabeledFileSchema.parse(parse(readFileSync(join(dir, f), 'utf8'))));
  const rubric = RubricSchema.parse({});
  return buildCalibration(entries.map((entry) => rubricVerdict(scoreLabeled(entry, rubric, new Map(), undefined))));
}

describe('the default rubric against the people who graded the shipped labeled set', () => {
  it('agrees on at least 95% of the replies whose fault the reply shows (and the good ones)', () => {
    const c = calibrate('labeled');
    expect(c.shown.n).toBeGreaterThanOrEqual(200);
    expect(c.shown.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(c.shown.kappa).toBeGreaterThanOrEqual(0.85);
    // Faults only the meaning shows are a judge's work: the rules are not expected to catch them.
    expect(c.meaning.n).toBeGreaterThanOrEqual(30);
  });

  it('fails no more than one good reply in twenty on the held-out set graded blind to the rules', () => {
    const c = calibrate('labeled-holdout');
    const good = c.perMode.find((m) => m.mode === 'good');
    expect(good?.n).toBeGreaterThanOrEqual(30);
    expect((good?.agreed ?? 0) / (good?.n ?? 1)).toBeGreaterThanOrEqual(0.95);
    // The figure reported in docs/rubric.md; a drop below it means the rules got worse on unseen replies.
    expect(c.shown.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
