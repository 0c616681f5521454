import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LabeledPairFileSchema, type LabeledPair } from '../../src/calibrate/labeled-pair-schema.ts';
import { stableJson } from '../../src/plan/content-hash.ts';
import { acceptedTypes } from '../../src/score/index.ts';

const DIR = fileURLToPath(new URL('../../cases/labeled-pairs/', import.meta.url));
const pairs: LabeledPair[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => LabeledPairFileSchema.parse(parse(readFileSync(join(DIR, f), 'utf8'))));

describe('cases/labeled-pairs', () => {
  it('parses, with unique ids and two different replies per pair', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(12);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
    for (const p of pairs) expect(stableJson(p.a), p.id).not.toBe(stableJson(p.b));
  });

  it('puts the preferred reply in either position, and has ties', () => {
    const count = (prefer: string) => pairs.filter((p) => p.human.prefer === prefer).length;
    expect(count('a')).toBeGreaterThanOrEqual(5);
    expect(count('b')).toBeGreaterThanOrEqual(5);
    expect(count('tie')).toBeGreaterThanOrEqual(2);
  });

  it('prefers a reply of an acceptable type, and says why a debatable pair is debatable', () => {
    for (const p of pairs) {
      if (p.human.prefer !== 'tie') expect(acceptedTypes(p), p.id).toContain(p[p.human.prefer].type);
      if (p.tags.includes('debatable')) expect(p.human.note, p.id).toMatch(/Debatable/);
    }
  });
});
