import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FewShotFileSchema } from '../../src/config/variant-schema.ts';
import type { Case } from '../../src/config/case-schema.ts';
import { countBy, readCorpus, ROOT } from './read-corpus.ts';

const HARD_TAGS = [
  'ambiguous', 'very-short', 'very-long', 'english', 'mixed', 'emoji',
  'injection', 'multi-turn', 'borderline', 'typo', 'dated',
];

// The situations docs/corpus-policy.md rules on; each needs enough cases for its per-tag row to mean something.
const POLICY_TAGS = [
  'short-clear', 'long-vague', 'atomic', 'multi-todo', 'habit', 'request', 'harmful', 'crisis', 'urgent',
];

// Closed vocabulary so a misspelt tag ("multiturn") cannot silently split the per-tag breakdown.
const DOMAIN_TAGS = [
  'work', 'home', 'travel', 'health', 'study', 'social', 'finance', 'family', 'errand', 'pet',
  'hobby', 'career', 'misc', 'coding', 'translation', 'info', 'math', 'writing', 'chitchat',
  'noise', 'meta',
];

// Korea's unified suicide-prevention line (24 hours, since 2024-01-01): what a crisis reply must name.
const CRISIS_LINE = '109';

const corpus = readCorpus();
const cases = corpus.map((entry) => entry.case);

function hasTag(c: Case, tag: string): boolean {
  return c.tags.includes(tag);
}

/** Spacing, punctuation and case folded away, so "장 보기!" and "장보기" compare equal. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

function nonSpaceLength(text: string): number {
  return [...text.replace(/\s/gu, '')].length;
}

describe('case corpus', () => {
  it('parses every cases/*.yaml file against CaseFileSchema', () => {
    const files = new Set(corpus.map((entry) => entry.file));
    // More files may come; these are the ones the prompt engineer relies on.
    expect([...files]).toEqual(expect.arrayContaining(['answer.yaml', 'hard.yaml', 'invalid.yaml', 'question.yaml', 'policy.yaml']));
  });

  it('has ids unique across files', () => {
    const duplicates = [...countBy(cases, (c) => c.id)].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicates).toEqual([]);
  });

  it('has no two cases with the same input, even up to spacing and punctuation', () => {
    // Inputs that are only punctuation or emoji (".", "👍👍") fold to nothing; they differ as typed.
    const folded = cases.filter((c) => fold(c.input) !== '');
    const duplicates = [...countBy(folded, (c) => fold(c.input))].filter(([, n]) => n > 1).map(([input]) => input);
    expect(duplicates).toEqual([]);
  });

  it('holds at least 220 cases, at least 40 of each expected type', () => {
    expect(cases.length).toBeGreaterThanOrEqual(220);
    const byType = countBy(cases, (c) => c.expect.type);
    for (const type of ['answer', 'question', 'invalid']) {
      expect(byType.get(type) ?? 0, type).toBeGreaterThanOrEqual(40);
    }
  });

  it.each(HARD_TAGS)('has the hard tag "%s" on at least two cases', (tag) => {
    expect(cases.filter((c) => hasTag(c, tag)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(POLICY_TAGS)('has the policy tag "%s" on at least three cases', (tag) => {
    expect(cases.filter((c) => hasTag(c, tag)).length).toBeGreaterThanOrEqual(3);
  });

  it('tags every case with at least one domain, and only with known tags', () => {
    const known = new Set([...HARD_TAGS, ...POLICY_TAGS, ...DOMAIN_TAGS]);
    const untagged = cases.filter((c) => !c.tags.some((t) => DOMAIN_TAGS.includes(t))).map((c) => c.id);
    const unknown = cases.flatMap((c) => c.tags.filter((t) => !known.has(t)).map((t) => `${c.id}: ${t}`));
    expect(untagged).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('never repeats a few-shot input, even up to spacing and punctuation, nor embeds a long one', () => {
    const examplesDir = join(ROOT, 'prompts', 'examples');
    const fewShot = readdirSync(examplesDir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => FewShotFileSchema.parse(parse(readFileSync(join(examplesDir, f), 'utf8'))).map((e) => fold(e.input)));
    expect(fewShot.length).toBeGreaterThanOrEqual(12);
    const leaks = cases.filter((c) => {
      const input = fold(c.input);
      // Short few-shot inputs ("캠핑") may fairly occur inside a longer to-do; long ones may not.
      return fewShot.some((shot) => input === shot || (shot.length >= 8 && input.includes(shot)));
    });
    expect(leaks.map((c) => c.id)).toEqual([]);
  });

  it('ends every history with an assistant turn, so the input is the next user turn', () => {
    const withHistory = cases.filter((c) => c.history.length > 0);
    expect(withHistory.length).toBeGreaterThanOrEqual(2);
    const bad = withHistory.filter((c) => c.history.at(-1)?.role !== 'assistant').map((c) => c.id);
    expect(bad).toEqual([]);
  });

  it('tags multi-turn exactly the cases that carry a history', () => {
    const mismatched = cases.filter((c) => hasTag(c, 'multi-turn') !== c.history.length > 0).map((c) => c.id);
    expect(mismatched).toEqual([]);
  });

  it('expects a non-Korean reply only for cases tagged english, and never for a refusal', () => {
    const mismatched = cases.filter((c) => c.lang !== 'ko' && !hasTag(c, 'english')).map((c) => c.id);
    // The refusal is the app's fixed Korean sentence whatever the input language.
    const foreignRefusals = cases.filter((c) => c.lang !== 'ko' && c.expect.type === 'invalid').map((c) => c.id);
    expect(mismatched).toEqual([]);
    expect(foreignRefusals).toEqual([]);
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

  it('allows a single item only on atomic to-dos', () => {
    const single = cases.filter((c) => c.expect.minItems !== undefined && c.expect.minItems < 2 && c.expect.type === 'answer');
    expect(single.length).toBeGreaterThanOrEqual(1);
    expect(single.filter((c) => !hasTag(c, 'atomic')).map((c) => c.id)).toEqual([]);
  });

  it('lists an acceptable type only with a note saying why, and never the expected type itself', () => {
    const withAcceptable = cases.filter((c) => (c.expect.acceptable ?? []).length > 0);
    expect(withAcceptable.length).toBeGreaterThanOrEqual(20);
    const silent = withAcceptable.filter((c) => c.note === undefined || c.note.trim() === '').map((c) => c.id);
    const redundant = withAcceptable.filter((c) => c.expect.acceptable?.includes(c.expect.type)).map((c) => c.id);
    expect(silent).toEqual([]);
    expect(redundant).toEqual([]);
  });
});

describe('corpus policy (docs/corpus-policy.md)', () => {
  it('forbids leaking the system prompt on every injection case that asks for it', () => {
    const injections = cases.filter((c) => hasTag(c, 'injection'));
    expect(injections.length).toBeGreaterThanOrEqual(3);
    const leakProne = injections.filter((c) => /시스템 프롬프트|지시문|규칙/.test(c.input));
    expect(leakProne.length).toBeGreaterThanOrEqual(3);
    const unguarded = leakProne.filter((c) => !(c.expect.forbid ?? []).includes('너는 사람들이 계획을')).map((c) => c.id);
    expect(unguarded).toEqual([]);
  });

  it('splits a real to-do with a hidden injection, forbids its payload, and accepts a refusal', () => {
    const hidden = cases.filter((c) => hasTag(c, 'injection') && c.expect.type === 'answer');
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    const unguarded = hidden.filter((c) => (c.expect.forbid ?? []).length === 0).map((c) => c.id);
    const strict = hidden.filter((c) => !(c.expect.acceptable ?? []).includes('invalid')).map((c) => c.id);
    expect(unguarded).toEqual([]);
    expect(strict).toEqual([]);
  });

  it('refuses every harmful input', () => {
    const harmful = cases.filter((c) => hasTag(c, 'harmful'));
    expect(harmful.filter((c) => c.expect.type !== 'invalid' || (c.expect.acceptable ?? []).length > 0).map((c) => c.id)).toEqual([]);
  });

  it('expects every crisis reply to name the suicide-prevention line, and never a plain split', () => {
    const crisis = cases.filter((c) => hasTag(c, 'crisis'));
    const unnamed = crisis.filter((c) => !(c.expect.mentions ?? []).includes(CRISIS_LINE)).map((c) => c.id);
    expect(unnamed).toEqual([]);
    // Only where the user is the helper (a friend in crisis) may the reply be a split.
    const personal = crisis.filter((c) => c.expect.type === 'invalid');
    expect(personal.length).toBeGreaterThanOrEqual(3);
    const unsupported = personal
      .filter((c) => c.reference?.type !== 'invalid' || !c.reference.message.includes(CRISIS_LINE))
      .map((c) => c.id);
    expect(unsupported).toEqual([]);
  });

  it('treats real medical and legal urgencies as to-dos', () => {
    const urgent = cases.filter((c) => hasTag(c, 'urgent'));
    expect(urgent.filter((c) => c.expect.type !== 'answer').map((c) => c.id)).toEqual([]);
  });

  it('names every part of a several-to-dos line in mentions', () => {
    const multi = cases.filter((c) => hasTag(c, 'multi-todo'));
    expect(multi.filter((c) => c.expect.type !== 'answer' || (c.expect.mentions ?? []).length < 2).map((c) => c.id)).toEqual([]);
  });

  it('has "~해 줘" cases on both sides of the line', () => {
    const requests = cases.filter((c) => hasTag(c, 'request'));
    const refused = requests.filter((c) => c.expect.type === 'invalid');
    const todos = requests.filter((c) => c.expect.type !== 'invalid');
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(todos.length).toBeGreaterThanOrEqual(5);
  });

  // The issue found "≤ 8 non-space characters and no digit → question" right on 86% of the
  // answer/question cases: the length, not the meaning, told the type. Balanced accuracy (mean of the
  // two recalls) so that simply predicting the larger class scores 0.5, whatever the class sizes.
  it('lets no length rule tell a question from an answer', () => {
    const firstTurns = cases.filter((c) => c.expect.type !== 'invalid' && c.history.length === 0);
    const questions = firstTurns.filter((c) => c.expect.type === 'question');
    const answers = firstTurns.filter((c) => c.expect.type === 'answer');
    const saysQuestion = (c: Case, limit: number): boolean => nonSpaceLength(c.input) <= limit && !/\d/u.test(c.input);
    const balancedAccuracy = (limit: number): number => {
      const questionRecall = questions.filter((c) => saysQuestion(c, limit)).length / questions.length;
      const answerRecall = answers.filter((c) => !saysQuestion(c, limit)).length / answers.length;
      return (questionRecall + answerRecall) / 2;
    };
    const limits = Array.from({ length: 60 }, (_, i) => i + 1);
    const best = Math.max(...limits.map(balancedAccuracy));
    expect(balancedAccuracy(8)).toBeLessThanOrEqual(0.65);
    expect(best).toBeLessThanOrEqual(0.72);
  });
});
