import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LabeledFileSchema } from '../../src/calibrate/labeled-schema.ts';
import type { LabeledReply } from '../../src/calibrate/labeled-schema.ts';
import { parseReply } from '../../src/parse/parse-reply.ts';

const LABELED_DIR = fileURLToPath(new URL('../../cases/labeled/', import.meta.url));

interface LoadedEntry {
  file: string;
  entry: LabeledReply;
}

function loadLabeledSet(): LoadedEntry[] {
  const files = readdirSync(LABELED_DIR).filter((name) => name.endsWith('.yaml')).sort();
  return files.flatMap((file) => {
    const raw: unknown = parse(readFileSync(join(LABELED_DIR, file), 'utf8'));
    const result = LabeledFileSchema.safeParse(raw);
    if (!result.success) throw new Error(`${file}: ${result.error.message}`);
    return result.data.map((entry) => ({ file, entry }));
  });
}

const loaded = loadLabeledSet();
const entries = loaded.map((item) => item.entry);
const readme = readFileSync(join(LABELED_DIR, 'README.md'), 'utf8');

function countBy<T>(items: T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

describe('labeled set (cases/labeled)', () => {
  it('parses every file against LabeledFileSchema and holds at least 170 entries', () => {
    expect(new Set(loaded.map((item) => item.file)).size).toBeGreaterThanOrEqual(2);
    expect(entries.length).toBeGreaterThanOrEqual(170);
  });

  it('has ids unique across files', () => {
    const duplicates = [...countBy(entries, (e) => e.id)].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicates).toEqual([]);
  });

  it('names how every failure shows (reply or meaning) and leaves it off no fail', () => {
    const unlabeled = entries.filter((e) => e.human.verdict === 'fail' && e.human.shownBy === undefined).map((e) => e.id);
    const unspecified = entries.filter((e) => e.human.mode === 'unspecified').map((e) => e.id);
    expect(unlabeled).toEqual([]);
    expect(unspecified).toEqual([]);
  });

  // Agreement per mode means little on one or two examples; the rubric is held to ≥ 95% on these.
  it('has at least 5 entries for every failure mode it uses with shownBy: reply', () => {
    const byMode = countBy(
      entries.filter((e) => e.human.shownBy === 'reply'),
      (e) => e.human.mode,
    );
    const thin = [...byMode].filter(([, n]) => n < 5).map(([mode, n]) => `${mode}: ${n}`);
    expect(byMode.size).toBeGreaterThanOrEqual(15);
    expect(thin).toEqual([]);
  });

  it('holds at least 40 good replies and at least 30 faults only the meaning shows', () => {
    expect(entries.filter((e) => e.human.mode === 'good').length).toBeGreaterThanOrEqual(40);
    expect(entries.filter((e) => e.human.shownBy === 'meaning').length).toBeGreaterThanOrEqual(30);
  });

  it('covers all three reply types among both passes and fails', () => {
    for (const verdict of ['pass', 'fail'] as const) {
      const types = new Set(entries.filter((e) => e.human.verdict === verdict).map((e) => e.expect.type));
      expect([...types].sort(), verdict).toEqual(['answer', 'invalid', 'question']);
    }
  });

  it('gives a graded score on at least 60 entries, spread over passes and fails', () => {
    const scored = entries.filter((e) => e.human.score !== undefined);
    expect(scored.length).toBeGreaterThanOrEqual(60);
    expect(scored.filter((e) => e.human.verdict === 'pass').length).toBeGreaterThanOrEqual(20);
    expect(scored.filter((e) => e.human.verdict === 'fail').length).toBeGreaterThanOrEqual(20);
    // A score that contradicts its verdict is a typo in one of the two.
    const contradicting = scored
      .filter((e) => (e.human.verdict === 'pass' ? (e.human.score ?? 0) < 0.5 : (e.human.score ?? 1) > 0.6))
      .map((e) => e.id);
    expect(contradicting).toEqual([]);
  });

  it('explains every entry, and lists every debatable one in the README', () => {
    const silent = entries.filter((e) => (e.human.note ?? '').trim() === '').map((e) => e.id);
    const debatable = entries.filter((e) => e.tags.includes('debatable'));
    const unlisted = debatable.filter((e) => !readme.includes(e.id)).map((e) => e.id);
    const untagged = entries
      .filter((e) => /debatable/i.test(e.human.note ?? '') && !e.tags.includes('debatable'))
      .map((e) => e.id);
    expect(silent).toEqual([]);
    expect(untagged).toEqual([]);
    expect(debatable.length).toBeGreaterThanOrEqual(10);
    expect(unlisted).toEqual([]);
  });

  // English refusals stay Korean (the corpus policy), so `english` without `lang: en` is fine.
  it('ends every history with an assistant turn and expects a non-Korean reply only on english entries', () => {
    const badHistory = entries.filter((e) => e.history.length > 0 && e.history.at(-1)?.role !== 'assistant').map((e) => e.id);
    const langMismatch = entries.filter((e) => e.lang !== 'ko' && !e.tags.includes('english')).map((e) => e.id);
    expect(badHistory).toEqual([]);
    expect(langMismatch).toEqual([]);
  });

  // A pass on text the app cannot read would be a labeling mistake, whatever the rubric says.
  it('labels a raw reply good only when it parses to an acceptable type', () => {
    const goodRaw = entries.filter((e) => e.raw !== undefined && e.human.verdict === 'pass');
    expect(goodRaw.length).toBeGreaterThanOrEqual(2);
    const unreadable = goodRaw
      .filter((e) => {
        const outcome = parseReply(e.raw ?? '').outcome;
        return outcome !== e.expect.type && !(e.expect.acceptable ?? []).some((type) => type === outcome);
      })
      .map((e) => e.id);
    expect(unreadable).toEqual([]);
  });
});
