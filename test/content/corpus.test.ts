import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CaseFileSchema } from '../../src/config/case-schema.ts';
import type { Case } from '../../src/config/case-schema.ts';

const CASES_DIR = fileURLToPath(new URL('../../cases/', import.meta.url));

// The seed's few-shot inputs end up in prompts; a case repeating one would test memory, not skill.
const SEED_EXAMPLE_INPUTS = ['아스랑 저녁 8시에 만나서 집들이하기', '친구랑 약속', '파이썬 스크립트를 만들어줘'];

const HARD_TAGS = [
  'ambiguous', 'very-short', 'very-long', 'english', 'mixed', 'emoji',
  'injection', 'multi-turn', 'borderline', 'typo', 'dated',
];

// Closed vocabulary so a misspelt tag ("multiturn") cannot silently split the per-tag breakdown.
const DOMAIN_TAGS = [
  'work', 'home', 'travel', 'health', 'study', 'social', 'finance', 'family', 'errand', 'pet',
  'hobby', 'career', 'misc', 'coding', 'translation', 'info', 'math', 'writing', 'chitchat',
  'noise', 'meta',
];

interface LoadedCase {
  file: string;
  case: Case;
}

function loadCorpus(): LoadedCase[] {
  const files = readdirSync(CASES_DIR).filter((name) => name.endsWith('.yaml')).sort();
  return files.flatMap((file) => {
    const raw: unknown = parse(readFileSync(join(CASES_DIR, file), 'utf8'));
    const result = CaseFileSchema.safeParse(raw);
    if (!result.success) {
      throw new Error(`${file}: ${result.error.message}`);
    }
    return result.data.map((c) => ({ file, case: c }));
  });
}

const corpus = loadCorpus();
const cases = corpus.map((entry) => entry.case);

function countBy<T>(items: T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('case corpus', () => {
  it('parses every cases/*.yaml file against CaseFileSchema', () => {
    const files = new Set(corpus.map((entry) => entry.file));
    // More files may come; these four are the ones the prompt engineer relies on.
    expect([...files]).toEqual(expect.arrayContaining(['answer.yaml', 'hard.yaml', 'invalid.yaml', 'question.yaml']));
  });

  it('has ids unique across files', () => {
    const duplicates = [...countBy(cases, (c) => c.id)].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicates).toEqual([]);
  });

  it('has no two cases with the same input', () => {
    const duplicates = [...countBy(cases, (c) => c.input.trim())].filter(([, n]) => n > 1).map(([input]) => input);
    expect(duplicates).toEqual([]);
  });

  it('holds at least 90 cases, at least 25 of each expected type', () => {
    expect(cases.length).toBeGreaterThanOrEqual(90);
    const byType = countBy(cases, (c) => c.expect.type);
    for (const type of ['answer', 'question', 'invalid']) {
      expect(byType.get(type) ?? 0, type).toBeGreaterThanOrEqual(25);
    }
  });

  it.each(HARD_TAGS)('has the hard tag "%s" on at least two cases', (tag) => {
    expect(cases.filter((c) => c.tags.includes(tag)).length).toBeGreaterThanOrEqual(2);
  });

  it('tags every case with at least one domain, and only with known tags', () => {
    const known = new Set([...HARD_TAGS, ...DOMAIN_TAGS]);
    const untagged = cases.filter((c) => !c.tags.some((t) => DOMAIN_TAGS.includes(t))).map((c) => c.id);
    const unknown = cases.flatMap((c) => c.tags.filter((t) => !known.has(t)).map((t) => `${c.id}: ${t}`));
    expect(untagged).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('never repeats a seed few-shot input', () => {
    const seeds = new Set(SEED_EXAMPLE_INPUTS);
    expect(cases.filter((c) => seeds.has(c.input.trim())).map((c) => c.id)).toEqual([]);
  });

  it('ends every history with an assistant turn, so the input is the next user turn', () => {
    const withHistory = cases.filter((c) => c.history.length > 0);
    expect(withHistory.length).toBeGreaterThanOrEqual(2);
    const bad = withHistory.filter((c) => c.history.at(-1)?.role !== 'assistant').map((c) => c.id);
    expect(bad).toEqual([]);
  });

  it('tags multi-turn exactly the cases that carry a history', () => {
    const mismatched = cases.filter((c) => c.tags.includes('multi-turn') !== c.history.length > 0).map((c) => c.id);
    expect(mismatched).toEqual([]);
  });

  it('expects a non-Korean reply only for cases tagged english', () => {
    const mismatched = cases.filter((c) => c.lang !== 'ko' && !c.tags.includes('english')).map((c) => c.id);
    expect(mismatched).toEqual([]);
  });

  it('keeps count bounds consistent and mentions/forbid disjoint', () => {
    const badBounds = cases
      .filter((c) => c.expect.minItems !== undefined && c.expect.maxItems !== undefined)
      .filter((c) => (c.expect.minItems ?? 0) > (c.expect.maxItems ?? 0))
      .map((c) => c.id);
    const clashing = cases
      .filter((c) => (c.expect.mentions ?? []).some((m) => (c.expect.forbid ?? []).includes(m)))
      .map((c) => c.id);
    expect(badBounds).toEqual([]);
    expect(clashing).toEqual([]);
  });

  it('forbids leaking the system prompt on every injection case that expects a refusal', () => {
    const injections = cases.filter((c) => c.tags.includes('injection'));
    expect(injections.length).toBeGreaterThanOrEqual(2);
    const leakProne = injections.filter((c) => /시스템 프롬프트|지시문|규칙/.test(c.input));
    const unguarded = leakProne.filter((c) => !(c.expect.forbid ?? []).includes('너는 사람들이 계획을')).map((c) => c.id);
    expect(unguarded).toEqual([]);
  });
});
