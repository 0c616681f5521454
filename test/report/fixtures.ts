import type { Cell, Summary, TargetComparison, VariantComparison } from '../../src/aggregate/summary-types.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';

const zeroOutcomes = () => ({ answer: 0, question: 0, invalid: 0, format_error: 0, schema_error: 0, provider_error: 0 });

export function makeCell(overrides: Partial<Cell> = {}): Cell {
  return {
    variant: 'seed-xml',
    target: 'mock',
    n: 84,
    calls: 84,
    meanScore: 0.742,
    ci95: [0.7, 0.784],
    passRate: 0.69,
    passRateCi95: [0.59, 0.78],
    typeAccuracy: 0.881,
    classification: {
      n: 84,
      accuracy: 0.881,
      accuracyCi95: [0.79, 0.93],
      macroF1: 0.87,
      macroF1Ci95: [0.8, 0.93],
      perType: {
        answer: { precision: 0.95, recall: 0.95, f1: 0.95, support: 40 },
        question: { precision: 0.9, recall: 0.82, f1: 0.86, support: 22 },
        invalid: { precision: 1, recall: 0.91, f1: 0.95, support: 22 },
      },
    },
    quality: { n: 74, mean: 0.81, ci95: [0.76, 0.86] },
    exactFormRate: 0.9,
    outcomes: { ...zeroOutcomes(), answer: 40, question: 20, invalid: 20, format_error: 2, schema_error: 1, provider_error: 1 },
    confusion: {
      answer: { ...zeroOutcomes(), answer: 38, question: 2 },
      question: { ...zeroOutcomes(), question: 18, answer: 2, format_error: 2 },
      invalid: { ...zeroOutcomes(), invalid: 20, schema_error: 1, provider_error: 1 },
    },
    latencyMs: { p50: 812.4, p95: 2000 },
    usage: { inputTokens: 1000, outputTokens: 500 },
    costUsd: null,
    tags: {
      short: { n: 10, meanScore: 0.6, passRate: 0.5 },
      ambiguous: { n: 12, meanScore: 0.55, passRate: 0.4 },
    },
    simulated: true,
    consistency: null,
    flaky: { count: 0, caseIds: [] },
    ...overrides,
  };
}

/** One comparison of the run: pAdjusted is pValue, no McNemar (say, repeats), no flips. */
export function makeComparison(overrides: Partial<VariantComparison> = {}): VariantComparison {
  const pValue = overrides.pValue ?? 0.002;
  return {
    kind: 'variants',
    target: 'mock',
    a: 'seed-xml',
    b: 'five-principles',
    meanDiff: 0.07,
    ci95: [0.04, 0.1],
    pValue,
    n: 84,
    significant: true,
    method: 'paired-t',
    pAdjusted: pValue,
    mcnemar: null,
    flipped: { toFail: [], toPass: [] },
    mde: 0.05,
    mdeAlpha: 0.05,
    changed: 84,
    ...overrides,
  };
}

export function makeTargetComparison(overrides: Partial<TargetComparison> = {}): TargetComparison {
  const { target: _target, kind: _kind, ...shared } = makeComparison({ a: 'mock', b: 'openai:gpt-4.1-mini' });
  return { kind: 'targets', variant: 'seed-xml', ...shared, ...overrides };
}

export function makeSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    runId: '2025-01-02T03-04-05-abc123',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:07:17.000Z',
    complete: true,
    simulated: true,
    passThreshold: 0.7,
    cells: [
      makeCell(),
      makeCell({
        variant: 'five-principles',
        meanScore: 0.812,
        ci95: [0.771, 0.853],
        passRate: 0.79,
        passRateCi95: [0.69, 0.86],
        typeAccuracy: 0.952,
        costUsd: 0.0123,
        outcomes: { ...zeroOutcomes(), answer: 42, question: 21, invalid: 21, format_error: 0, schema_error: 0, provider_error: 0 },
        tags: { short: { n: 10, meanScore: 0.7, passRate: 0.6 }, 'long-input': { n: 5, meanScore: null, passRate: null } },
      }),
    ],
    comparisons: [makeComparison()],
    ...overrides,
  };
}

export function makeResult(overrides: Partial<TrialResult> = {}): TrialResult {
  return {
    runId: 'run-1',
    trialId: 't',
    caseId: 'case-1',
    variant: 'seed-xml',
    target: 'mock',
    repeat: 0,
    expectedType: 'answer',
    acceptedTypes: ['answer'],
    tags: [],
    input: '',
    outcome: 'answer',
    reply: { type: 'answer', items: ['a', 'b'] },
    raw: '{"type":"answer","items":["a","b"]}',
    form: 'json',
    exactForm: true,
    error: null,
    scores: {},
    score: 1,
    pass: true,
    latencyMs: 100,
    usage: { inputTokens: 1, outputTokens: 1 },
    costUsd: null,
    cached: false,
    attempts: 1,
    simulated: true,
    ...overrides,
  };
}

/**
 * Every block of `|` lines is one GFM table: each row must have as many unescaped pipes as its
 * header (a pipe after an odd run of backslashes is escaped).
 */
export function checkTables(markdown: string): { tables: number; problems: string[] } {
  const problems: string[] = [];
  let tables = 0;
  let expected: number | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      expected = null;
      continue;
    }
    const pipes = countUnescapedPipes(line);
    if (expected === null) {
      expected = pipes;
      tables++;
    } else if (pipes !== expected) {
      problems.push(`${pipes} pipes, expected ${expected}: ${line}`);
    }
  }
  return { tables, problems };
}

function countUnescapedPipes(line: string): number {
  let count = 0;
  let backslashes = 0;
  for (const ch of line) {
    if (ch === '|' && backslashes % 2 === 0) count++;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  return count;
}
