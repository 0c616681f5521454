import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LabeledFileSchema } from '../../src/calibrate/labeled-schema.ts';
import { countBy, readCorpus, ROOT } from './read-corpus.ts';

const HOLDOUT_FILE = join(ROOT, 'cases', 'labeled-holdout', 'holdout.yaml');
const TUNING_DIR = join(ROOT, 'cases', 'labeled');

const holdout = LabeledFileSchema.parse(parse(readFileSync(HOLDOUT_FILE, 'utf8')));

/**
 * The tuning set's ids, read by a regex over its files instead of parsing them: whoever keeps the
 * held-out set should not have to see the tuning entries. Catches `- id: x` and flow `{ id: x`.
 */
function tuningIds(): string[] {
  const files = readdirSync(TUNING_DIR).filter((name) => name.endsWith('.yaml'));
  const idLine = /(?:^\s*-\s+|\{\s*)id:\s*["']?([A-Za-z0-9][\w.-]*)/gmu;
  return files.flatMap((file) => [...readFileSync(join(TUNING_DIR, file), 'utf8').matchAll(idLine)].map((m) => m[1] ?? ''));
}

describe('held-out labeled set (cases/labeled-holdout)', () => {
  it('has 100 entries with unique ids, all prefixed hold-', () => {
    expect(holdout).toHaveLength(100);
    const duplicates = [...countBy(holdout, (e) => e.id)].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicates).toEqual([]);
    expect(holdout.filter((e) => !e.id.startsWith('hold-')).map((e) => e.id)).toEqual([]);
  });

  it('shares no id with the tuning set in cases/labeled/', () => {
    const tuning = new Set(tuningIds());
    expect(tuning.size).toBeGreaterThan(0);
    expect(holdout.filter((e) => tuning.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('holds at least 30 good replies and 15 faults only the meaning shows', () => {
    expect(holdout.filter((e) => e.human.mode === 'good').length).toBeGreaterThanOrEqual(30);
    expect(holdout.filter((e) => e.human.verdict === 'fail' && e.human.shownBy === 'meaning').length).toBeGreaterThanOrEqual(15);
  });

  it('names a failure mode and says how it shows for every entry', () => {
    const vague = holdout.filter((e) => e.human.mode === 'unspecified' || e.human.shownBy === undefined || e.human.note === undefined);
    expect(vague.map((e) => e.id)).toEqual([]);
  });

  it('takes at most a third of its inputs from the case corpus', () => {
    const corpusInputs = new Set(readCorpus().map((entry) => entry.case.input));
    const reused = holdout.filter((e) => corpusInputs.has(e.input));
    expect(reused.length).toBeLessThanOrEqual(Math.floor(holdout.length / 3));
  });
});
