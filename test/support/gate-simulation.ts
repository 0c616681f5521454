// The seeded simulation behind docs/statistics.md "How often the verdicts are wrong": a noisy fake
// model answers a fresh sample of cases each replication, and the real gate (evaluateGate) and
// the real comparisons (buildComparisons) judge it. Pure: no files, no processes.
import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import { buildComparisons } from '../../src/aggregate/build-comparisons.ts';
import type { GateMode } from '../../src/aggregate/summary-types.ts';
import { evaluateGate } from '../../src/compare/evaluate-gate.ts';
import { createMulberry32 } from '../fake-server/with-faults.ts';

/** The model: a reply is bad with the case's chance (baseline 30% on average), good otherwise. */
export interface NoisyModel {
  cases: number;
  repeat: number;
  /** The baseline's average chance of a bad reply. */
  badRate: number;
  /** Each case's chance is badRate + a uniform offset in ±caseSpread: some cases are harder. */
  caseSpread: number;
}

export const DEFAULT_MODEL: NoisyModel = { cases: 60, repeat: 4, badRate: 0.3, caseSpread: 0.2 };

/** A good reply scores uniformly in [0.6, 1] (mean 0.8); a bad one is 0 half the time (a format error), else uniform in [0, 0.25]. */
const GOOD_MEAN = 0.8;
const BAD_MEAN = 0.0625;

/** The extra chance of a bad reply that lowers the expected score by `drop`: the score is linear in it. */
export function badShiftFor(drop: number): number {
  return drop / (GOOD_MEAN - BAD_MEAN);
}

/** The fake server's seeded PRNG: the same numbers on every machine. */
export const createRandom = createMulberry32;

/** Each case's chance of a bad reply under the baseline, a fresh sample of cases. */
export function drawCases(model: NoisyModel, random: () => number): number[] {
  return Array.from({ length: model.cases }, () => model.badRate + (2 * random() - 1) * model.caseSpread);
}

/** Every call of one variant: `repeat` independent replies per case, its chance of a bad one raised by `shift`. */
export function answerCases(variant: string, badChances: readonly number[], shift: number, model: NoisyModel, random: () => number): AggregateRow[] {
  const rows: AggregateRow[] = [];
  badChances.forEach((chance, i) => {
    for (let repeat = 0; repeat < model.repeat; repeat++) {
      const bad = random() < chance + shift;
      const formatError = bad && random() < 0.5;
      const score = !bad ? 0.6 + 0.4 * random() : formatError ? 0 : 0.25 * random();
      rows.push({
        caseId: `c${i}`,
        variant,
        target: 'fake',
        repeat,
        expectedType: 'answer',
        acceptedTypes: ['answer'],
        exactForm: formatError ? null : true,
        tags: [],
        outcome: formatError ? 'format_error' : 'answer',
        score,
        pass: score >= 0.7,
        latencyMs: 0,
        usage: { inputTokens: 0, outputTokens: 0 },
        costUsd: null,
        simulated: true,
      });
    }
  });
  return rows;
}

export interface GateScenario {
  /** The candidate's true drop in expected score against the baseline. */
  trueDrop: number;
  maxDrop: number;
  mode: GateMode;
  replications: number;
  seed: number;
  model?: NoisyModel;
}

/** The share of replications in which the gate failed the candidate. */
export function simulateGate(s: GateScenario): number {
  return simulateGateRules(s).failed;
}

/**
 * The gate's failure rate, and for comparison the rule it replaced (fail when the two-sided test
 * is significant and the point estimate of the drop exceeds D), on the same replications.
 */
export function simulateGateRules(s: GateScenario): { failed: number; oldRule: number } {
  const model = s.model ?? DEFAULT_MODEL;
  const random = createRandom(s.seed);
  const cell = [{ variant: 'prompt', target: 'fake' }];
  let failed = 0;
  let oldRule = 0;
  for (let r = 0; r < s.replications; r++) {
    const cases = drawCases(model, random);
    const baseline = answerCases('prompt', cases, 0, model, random);
    const candidate = answerCases('prompt', cases, badShiftFor(s.trueDrop), model, random);
    const verdict = evaluateGate(candidate, cell, { baseline: { label: 'base', runId: 'base', rows: baseline }, maxDrop: s.maxDrop, mode: s.mode });
    if (!verdict.passed) failed++;
    const diff = verdict.cells[0]?.baseline?.diff;
    if (diff && diff.significant && -diff.meanDiff > s.maxDrop) oldRule++;
  }
  return { failed: failed / s.replications, oldRule: oldRule / s.replications };
}

export interface AaScenario {
  /** Identical variants run side by side. */
  variants: number;
  replications: number;
  seed: number;
  model?: NoisyModel;
}

/** The share of replications in which any pair of identical variants was called different ("beats"). */
export function simulateAa(s: AaScenario): number {
  const model = s.model ?? DEFAULT_MODEL;
  const random = createRandom(s.seed);
  const names = Array.from({ length: s.variants }, (_, i) => `v${i}`);
  let anyWin = 0;
  for (let r = 0; r < s.replications; r++) {
    const cases = drawCases(model, random);
    const byVariant = new Map(names.map((name) => [name, answerCases(name, cases, 0, model, random)]));
    const comparisons = buildComparisons(names, ['fake'], (variant) => byVariant.get(variant) ?? []);
    if (comparisons.some((c) => c.significant)) anyWin++;
  }
  return anyWin / s.replications;
}
