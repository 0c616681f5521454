// Property test: many generated comparisons, every verdict sentence the reports print for them
// (report.md, compare.md, the terminal, the gate's lines and table), each checked against the
// numbers printed in it and against the data it came from.
import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import { buildSummary } from '../../src/aggregate/build-summary.ts';
import type { Comparison, GateMode, GateVerdict, Summary } from '../../src/aggregate/summary-types.ts';
import { compareRuns } from '../../src/compare/compare-runs.ts';
import { evaluateGate } from '../../src/compare/evaluate-gate.ts';
import { describeComparison } from '../../src/report/describe-comparison.ts';
import { describeGatePass, listGateReasons } from '../../src/report/describe-gate.ts';
import { formatCode } from '../../src/report/escape-markdown.ts';
import { formatP } from '../../src/report/format-numbers.ts';
import { renderCompareMd } from '../../src/report/render-compare-md.ts';
import { renderGateSection } from '../../src/report/render-gate-md.ts';
import { renderComparisonSection } from '../../src/report/render-report-comparisons.ts';
import { renderTerminalSummary } from '../../src/report/render-terminal.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { createRandom } from '../support/gate-simulation.ts';
import { checkTables, makeResult } from './fixtures.ts';

type Random = () => number;

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const P_TEXT = String.raw`p (?:= (\d+\.\d+)|< (0\.001|0\.05))`;

/** A printed p (matched by P_TEXT from group `at`) against 0.05: `p < 0.001` and `p < 0.05` are below it; `p = x` is x. */
function printedBelowLine(match: RegExpMatchArray, at: number): boolean {
  const equals = match[at];
  return equals === undefined ? match[at + 1] !== undefined : Number(equals) < 0.05;
}

/** The kinds of paired differences the generator draws, the edge cases first. */
const KINDS = ['zero', 'equal', 'few', 'binary', 'continuous', 'near-0.05', 'tiny', 'one-changed'] as const;
type Kind = (typeof KINDS)[number];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** n case scores for the baseline side and the other, b − a of the kind asked for. */
function drawPair(kind: Kind, n: number, random: Random): { a: number[]; b: number[] } {
  const a = Array.from({ length: n }, () => 0.2 + 0.6 * random());
  const shift = (d: (i: number) => number) => ({ a, b: a.map((x, i) => x + d(i)) });
  switch (kind) {
    case 'zero':
      return { a, b: [...a] };
    case 'equal': {
      const c = (random() < 0.5 ? -1 : 1) * (0.05 + 0.15 * random());
      return shift(() => c);
    }
    case 'few': {
      const k = 1 + Math.floor(random() * Math.min(n, 7));
      const sign = random() < 0.8 ? 1 : -1;
      return shift((i) => (i < k ? sign * (random() < 0.9 ? 1 : -1) * (0.05 + 0.2 * random()) : 0));
    }
    case 'binary': {
      const before = Array.from({ length: n }, () => (random() < 0.6 ? 1 : 0));
      const p = random() * 0.4;
      return { a: before, b: before.map((x) => (random() < p ? 1 - x : x)) };
    }
    case 'one-changed':
      return shift((i) => (i === 0 ? 0.3 : 0));
    case 'tiny':
      return shift(() => 1e-4 * (random() - 0.3));
    case 'continuous': {
      const mean = (random() - 0.5) * 0.2;
      return shift(() => mean + (random() - 0.5) * 0.4);
    }
    case 'near-0.05': {
      // 25+ distinct changes (the t-test), shifted so t sits just either side of the 5% line.
      const noise = Array.from({ length: n }, () => (random() - 0.5) * 0.3);
      const m = noise.reduce((s, x) => s + x, 0) / n;
      const sd = Math.sqrt(noise.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1));
      const t = 2.02 + (random() - 0.5) * 0.08;
      return shift((i) => (noise[i] as number) - m + (t * sd) / Math.sqrt(n));
    }
  }
}

/** A low score came with the wrong reply type, so type accuracy and quality move too. */
function row(variant: string, caseId: string, score: number, repeat = 0): AggregateRow {
  return {
    caseId,
    variant,
    target: 't',
    repeat,
    expectedType: 'answer',
    acceptedTypes: ['answer'],
    exactForm: true,
    tags: [],
    outcome: score < 0.35 ? 'question' : 'answer',
    score,
    pass: score >= 0.7,
    latencyMs: 1,
    usage: { inputTokens: 0, outputTokens: 0 },
    costUsd: null,
    simulated: false,
  };
}

/** A run of 2–4 variants: the first the reference, each other one a pair drawn against it. */
function drawRun(random: Random): { rows: AggregateRow[]; variants: string[]; n: number } {
  const variants = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => `v${i}|${i === 1 ? '`x`' : 'y'}`);
  const kind = pick(random, KINDS);
  const n = kind === 'near-0.05' ? 25 + Math.floor(random() * 30) : random() < 0.5 ? 2 + Math.floor(random() * 5) : 7 + Math.floor(random() * 50);
  const rows: AggregateRow[] = [];
  const first = drawPair(kind, n, random);
  first.a.forEach((score, i) => rows.push(row(variants[0] as string, `c${i}`, score)));
  for (const variant of variants.slice(1)) {
    const pair = drawPair(random() < 0.7 ? kind : pick(random, KINDS), n, random);
    pair.b.forEach((score, i) => rows.push(row(variant, `c${i}`, score - (pair.a[i] as number) + (first.a[i] as number))));
  }
  return { rows, variants, n };
}

/** A drawn run as two runs of the same cells: the first variant's scores in every cell (the baseline), each variant's own (the candidate). */
function asTwoRuns(drawn: { rows: AggregateRow[]; variants: string[] }): { base: AggregateRow[]; current: AggregateRow[]; cells: string[] } {
  const [first, ...others] = drawn.variants;
  return {
    base: drawn.rows.filter((r) => r.variant === first).flatMap((r) => others.map((variant) => ({ ...r, variant }))),
    current: drawn.rows.filter((r) => r.variant !== first),
    cells: others,
  };
}

function summaryOf(run: { rows: AggregateRow[]; variants: string[] }, minEffect?: number): Summary {
  return buildSummary(run.rows, {
    runId: 'r',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:01:00.000Z',
    complete: true,
    passThreshold: 0.7,
    variantOrder: run.variants,
    targetOrder: ['t'],
    minEffect,
  });
}

/** Checks one difference sentence against the numbers printed in it and the data behind it. */
function checkDifferenceSentence(text: string, data: { significant: boolean; changed?: number | undefined }, family: number): void {
  expect(text).not.toMatch(/± 0\.0*(?![\d])/);
  const family_ = text.match(/Holm-adjusted over (\d+) comparisons/) ?? text.match(/Holm over (\d+) comparisons/);
  if (family > 1 && family_ !== null) expect(Number(family_[1])).toBe(family);
  if (family === 1) expect(text).not.toMatch(/Holm/);
  const beats = text.match(new RegExp(String.raw`beats .* by (?:only )?(${NUMBER}) \(95% CI \[(${NUMBER}), (${NUMBER})\]; ${P_TEXT}`));
  if (beats !== null) {
    const [lead, lo, hi] = [Number(beats[1]), Number(beats[2]), Number(beats[3])];
    expect(data.significant, text).toBe(true);
    expect(lo, text).toBeGreaterThan(0);
    expect(lead).toBeGreaterThanOrEqual(lo);
    expect(lead).toBeLessThanOrEqual(hi);
    expect(printedBelowLine(beats, 4), text).toBe(true);
    return;
  }
  const tie = text.match(new RegExp(String.raw`^No significant difference .* = (${NUMBER}) \(95% CI \[(${NUMBER}), (${NUMBER})\]; ${P_TEXT}`));
  if (tie !== null) {
    const [diff, lo, hi] = [Number(tie[1]), Number(tie[2]), Number(tie[3])];
    expect(data.significant, text).toBe(false);
    expect(lo <= 0 && hi >= 0, text).toBe(true);
    expect(lo < hi, `a CI that is a point: ${text}`).toBe(true);
    expect(diff).toBeGreaterThanOrEqual(lo);
    expect(diff).toBeLessThanOrEqual(hi);
    expect(printedBelowLine(tie, 4), text).toBe(false);
    expect(text).toMatch(/smallest detectable difference \d|no spread in the differences/);
    return;
  }
  const unadjusted = text.match(new RegExp(String.raw`= (${NUMBER}): the unadjusted 95% CI \[(${NUMBER}), (${NUMBER})\] excludes 0, but .*\(${P_TEXT}`));
  if (unadjusted !== null) {
    const [lo, hi] = [Number(unadjusted[2]), Number(unadjusted[3])];
    expect(data.significant, text).toBe(false);
    expect(lo > 0 || hi < 0, text).toBe(true);
    expect(printedBelowLine(unadjusted, 4), text).toBe(false);
    expect(text).toMatch(/smallest detectable difference \d|no spread in the differences/);
    return;
  }
  if (/scored the same on all \d+ shared cases/.test(text)) {
    expect(data.changed, text).toBe(0);
    return;
  }
  throw new Error(`a verdict sentence of no known form: ${text}`);
}

/** The matrix cells of report.md: the mark follows from the printed interval. */
function checkMatrix(md: string, comparisons: readonly Comparison[]): number {
  const cells = [...md.matchAll(new RegExp(String.raw`\| ([+-]?\d+(?:\.\d+)?) \[(${NUMBER}), (${NUMBER})\]( [▲▼†≈=])? `, 'g'))];
  for (const cell of cells) {
    const [lo, hi] = [Number(cell[2]), Number(cell[3])];
    const mark = (cell[4] ?? '').trim();
    const diff = Number(cell[1]);
    expect(diff).toBeGreaterThanOrEqual(lo);
    expect(diff).toBeLessThanOrEqual(hi);
    if (mark === '▲') expect(lo).toBeGreaterThan(0);
    if (mark === '▼') expect(hi).toBeLessThan(0);
    if (mark === '†') expect(lo > 0 || hi < 0).toBe(true);
    if (mark === '=') expect([lo, hi]).toEqual([0, 0]);
    if (mark === '') expect(lo <= 0 && hi >= 0 && lo < hi, cell[0]).toBe(true);
  }
  expect(cells.length).toBe(comparisons.length);
  return cells.length;
}

describe('every verdict sentence agrees with the numbers beside it', () => {
  it('report.md and the terminal, over generated runs', () => {
    const random = createRandom(2024);
    let sentences = 0;
    const seenKinds = new Set<string>();
    for (let run = 0; run < 250; run++) {
      const drawn = drawRun(random);
      const minEffect = random() < 0.3 ? pick(random, [0.01, 0.05]) : undefined;
      const summary = summaryOf(drawn, minEffect);
      const family = summary.comparisons.length;
      for (const c of summary.comparisons) {
        const text = describeComparison(c, { name: formatCode, family, minEffect });
        checkDifferenceSentence(text, c, family);
        seenKinds.add(text.startsWith('No significant') ? 'none' : text.includes('unadjusted') ? 'unadjusted' : text.includes('scored the same') ? 'unchanged' : text.includes('negligible') ? 'negligible' : 'beats');
        sentences++;
      }
      const section = renderComparisonSection(summary);
      checkMatrix(section, summary.comparisons);
      // Names carry `|` and backticks: every table keeps its columns.
      expect(checkTables(section).problems).toEqual([]);
      for (const line of section.split('\n').filter((l) => l.startsWith('- `'))) {
        if (line.includes(' → ')) continue; // a flipped-cases line
        const c = summary.comparisons.find((x) => line.includes(`${formatCode(x.b)}`) && line.includes(`${formatCode(x.a)}`));
        checkDifferenceSentence(line.slice(2), c ?? { significant: false }, family);
      }
      expect(section).toMatch(/could detect at 80% power \(α = [\d./]+\) is \d|no spread to estimate|Every pair differs significantly/);
      const terminal = renderTerminalSummary(summary, { color: false });
      for (const line of terminal.split('\n')) {
        if (line.startsWith('▲ ') || line.startsWith('≈ ')) {
          const c = summary.comparisons.find((x) => line.includes(x.a) && line.includes(x.b));
          checkDifferenceSentence(line.slice(2), c ?? { significant: true }, family);
        }
        if (line.startsWith('No significant difference in')) expect(line).toMatch(/smallest detectable difference \d|no spread/);
      }
    }
    expect(sentences).toBeGreaterThan(500);
    expect([...seenKinds].sort()).toEqual(['beats', 'negligible', 'none', 'unadjusted', 'unchanged']);
  });

  it('compare.md, over generated pairs of runs', () => {
    const random = createRandom(77);
    let checked = 0;
    for (let trial = 0; trial < 120; trial++) {
      const { base, current } = asTwoRuns(drawRun(random));
      const asResults = (rows: readonly AggregateRow[], runId: string): TrialResult[] => rows.map((r, i) => makeResult({ ...r, runId, trialId: `${runId}${i}`, input: 'x' }));
      const a = asResults(base, 'a');
      const b = asResults(current, 'b');
      const comparison = compareRuns({ label: 'A', runId: 'a', startedAt: '', complete: true, passThreshold: 0.7, results: a }, { label: 'B', runId: 'b', startedAt: '', complete: true, passThreshold: 0.7, results: b });
      const md = renderCompareMd(comparison);
      expect(checkTables(md).problems).toEqual([]);
      const family = Math.max(1, comparison.tested);
      // A cell with changed cases gets a section: its heading, then the sentence.
      for (const cell of comparison.cells.filter((c) => c.regressedCount + c.improvedCount > 0)) {
        const blocks = md.split('\n\n');
        const heading = blocks.findIndex((b) => b.startsWith(`## ${formatCode(cell.variant)} × `));
        const line = blocks[heading + 1] ?? '';
        if (cell.diff === null) {
          expect(line).toMatch(/^Under 2 cases scored in both runs/);
          continue;
        }
        checkDifferenceSentence(line.replace(/ \d+ cases? regressed, \d+ improved\.$/, ''), cell.diff, family);
        checked++;
      }
      for (const tableRow of md.split('\n').filter((l) => /^\| v/.test(l))) {
        const cells = tableRow.split(' | ');
        const interval = cells.find((c) => /^-?\d+\.\d+ \[/.test(c));
        const verdict = cells.at(-2) ?? '';
        if (interval === undefined) continue;
        const [, lo, hi] = interval.match(new RegExp(String.raw`\[(${NUMBER}), (${NUMBER})\]`)) ?? [];
        if (verdict.includes('better')) expect(Number(lo)).toBeGreaterThan(0);
        if (verdict.includes('worse')) expect(Number(hi)).toBeLessThan(0);
        if (verdict === 'no significant change') expect(Number(lo) <= 0 && Number(hi) >= 0 && Number(lo) < Number(hi)).toBe(true);
        if (verdict.startsWith('unadjusted')) expect(Number(lo) > 0 || Number(hi) < 0).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('the gate: each failure line, each table row and the passing line, in both modes', () => {
    const random = createRandom(9);
    let lines = 0;
    for (let trial = 0; trial < 200; trial++) {
      const { base, current, cells } = asTwoRuns(drawRun(random));
      const mode: GateMode = random() < 0.5 ? 'max-drop' : 'non-inferiority';
      const maxDrop = mode === 'non-inferiority' ? pick(random, [0.01, 0.05, 0.1]) : pick(random, [0, 0.02, 0.05, 0.1]);
      const failUnder = random() < 0.3 ? pick(random, [0.5, 0.6, 0.7]) : undefined;
      const metric = pick(random, ['score', 'quality', 'classification'] as const);
      const verdict: GateVerdict = evaluateGate(current, cells.map((variant) => ({ variant, target: 't' })), { baseline: { label: 'base', runId: 'b', rows: base }, maxDrop, mode, failUnder, metric });
      for (const line of listGateReasons(verdict)) {
        lines++;
        checkGateLine(line, maxDrop);
      }
      const md = renderGateSection(verdict);
      expect(checkTables(md).problems).toEqual([]);
      for (const tableRow of md.split('\n').filter((l) => /^\| v/.test(l))) {
        const bound = tableRow.match(new RegExp(String.raw`(upper|lower) (${NUMBER}) ([<>=]) (${NUMBER}) \((\d+(?:\.\d+)?)%\)`));
        if (bound === null) continue;
        const [printed, relation, limit] = [Number(bound[2]), bound[3], Number(bound[4])];
        expect(limit).toBeCloseTo(-maxDrop, 12);
        expect(relation === '<' ? printed < limit : relation === '>' ? printed > limit : printed === limit, tableRow).toBe(true);
        const failed = tableRow.includes(mode === 'max-drop' ? 'max-drop' : 'non-inferiority');
        expect(failed, tableRow).toBe(mode === 'max-drop' ? relation === '<' : relation !== '>');
        expect(tableRow).toMatch(/\| (?:\d+\.\d+|any|—) \| [✅❌]/);
        lines++;
      }
      if (verdict.passed) {
        const pass = describeGatePass(verdict);
        // With a baseline, a pass says what the cells could have detected, or that the drop was not checked.
        expect(pass).toMatch(/could detect drops ≥ \d|power unknown|not checked: no cell has 2 cases/);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(300);
  });
});

function checkGateLine(line: string, maxDrop: number): void {
  expect(line).not.toMatch(/± 0\.0*(?![\d])/);
  const floor = line.match(new RegExp(String.raw`: (?:score|quality|type accuracy) (${NUMBER}) < fail-under (${NUMBER})`));
  if (floor !== null) {
    expect(Number(floor[1])).toBeLessThan(Number(floor[2]));
    return;
  }
  const drop = line.match(new RegExp(String.raw`upper bound (${NUMBER}) < (${NUMBER}) \(max-drop ${NUMBER}: one-sided [\d.]+%(?:, Holm over \d+ cells)?; ${P_TEXT}(?: adjusted)?\): evidence the drop exceeds ${NUMBER}; (could detect drops ≥ \d|power unknown)`));
  if (drop !== null) {
    expect(Number(drop[1])).toBeLessThan(Number(drop[2]));
    expect(Number(drop[2])).toBeCloseTo(-maxDrop, 12);
    expect(printedBelowLine(drop, 3), line).toBe(true);
    return;
  }
  const ni = line.match(new RegExp(String.raw`lower bound (${NUMBER}) is not above (${NUMBER}) \(non-inferiority ${NUMBER}: one-sided 95%; ${P_TEXT}\): no evidence the drop is under ${NUMBER}; (?:could detect (?:drops ≥ \d|any drop)|power unknown)`));
  if (ni !== null) {
    expect(Number(ni[1])).toBeLessThanOrEqual(Number(ni[2]));
    expect(Number(ni[2])).toBeCloseTo(-maxDrop, 12);
    expect(printedBelowLine(ni, 3), line).toBe(false);
    return;
  }
  if (line.endsWith('nothing to pass the gate on') || /: no case had an accepted reply type: no quality to hold to fail-under/.test(line)) return;
  throw new Error(`a gate line of no known form: ${line}`);
}

describe('formatP never rounds across 0.05', () => {
  it('over p-values crowding the line', () => {
    const random = createRandom(5);
    for (let i = 0; i < 5000; i++) {
      const p = i < 2000 ? 0.05 + (random() - 0.5) * 1e-3 * 10 ** (-4 * random()) : random() * 0.2;
      const printed = formatP(p).match(new RegExp(P_TEXT));
      expect(printed).not.toBeNull();
      if (printed !== null) expect(printedBelowLine(printed, 1), `${p} → ${formatP(p)}`).toBe(p < 0.05);
    }
    expect(formatP(0.0481)).toBe('p = 0.048');
    expect(formatP(0.0504)).toBe('p = 0.050');
    expect(formatP(0.04996)).toBe('p = 0.04996');
    expect(formatP(0.049999999)).toBe('p < 0.05');
  });
});
