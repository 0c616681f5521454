import { describe, expect, it } from 'vitest';
import { buildSummary, toAggregateRow } from '../../src/aggregate/index.ts';
import { compareRuns, type RunInput } from '../../src/compare/compare-runs.ts';
import { escapeCell } from '../../src/report/escape-markdown.ts';
import { excerptText, flattenText, truncateText } from '../../src/text/plain-text.ts';
import { renderCompareMd } from '../../src/report/render-compare-md.ts';
import { renderJunit } from '../../src/report/render-junit.ts';
import { createJunitCollector } from '../../src/report/junit-collector.ts';
import { renderReportMd, selectFailingCases } from '../../src/report/index.ts';
import type { TrialResult } from '../../src/results/index.ts';
import { makeResult } from './fixtures.ts';

/** 100k characters, 90k of them one run of spaces with no line break: the shape that made escaping quadratic. */
const HOSTILE = `start${' '.repeat(90_000)}${'x'.repeat(9_995)}`;

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function results(runId: string, score: number): TrialResult[] {
  return ['c0', 'c1', 'c2'].map((caseId, i) =>
    makeResult({ runId, trialId: `${runId}-${i}`, caseId, target: 'openai:m', simulated: false, raw: HOSTILE, input: HOSTILE, score, pass: score >= 0.7, scores: { count: { score, reason: HOSTILE } } }),
  );
}

describe('a 100k-character reply with a 90k run of spaces', () => {
  it('is reported (report.md, JUnit, compare) in well under a second of CPU', () => {
    expect(HOSTILE).toHaveLength(100_000);
    const a = results('a', 0.9);
    const b = results('b', 0.1);
    const used = cpuMs(() => {
      const summary = buildSummary(b.map(toAggregateRow), { runId: 'b', startedAt: 's', finishedAt: 'f', complete: true, passThreshold: 0.7, variantOrder: [], targetOrder: [] });
      const md = renderReportMd(summary, { failing: selectFailingCases(b) });
      expect(md).toContain('start…');
      const junit = createJunitCollector();
      for (const r of b) junit.add(r);
      expect(renderJunit({ runId: 'b', timestamp: 's', cases: junit.list(), passThreshold: 0.7 })).toContain('start');
      const input = (label: string, rs: TrialResult[]): RunInput => ({ label, runId: label, startedAt: 's', complete: true, passThreshold: 0.7, results: rs });
      expect(renderCompareMd(compareRuns(input('a', a), input('b', b)))).toContain('start…');
    });
    // Linear escaping takes milliseconds; the quadratic regex took seconds per reply.
    expect(used).toBeLessThan(1000);
  });
});

describe('excerptText', () => {
  it('matches flattening the whole text when the prefix holds the excerpt', () => {
    for (const text of ['short', 'a\n\nb', `${'word '.repeat(500)}`, `x${'\n'.repeat(100)}y${'z'.repeat(3000)}`]) {
      expect(excerptText(text, 40)).toBe(truncateText(flattenText(text), 40));
    }
  });

  it('ends at the break when a run of blank lines fills the prefix', () => {
    expect(excerptText(`x${'\n'.repeat(3000)}y`, 40)).toBe('x ⏎…');
  });

  it('marks a cut even when the unread tail was only whitespace away', () => {
    const text = `head${' '.repeat(5000)}tail`;
    const out = excerptText(text, 40);
    expect(out.endsWith('…')).toBe(true);
    expect([...out].length).toBeLessThanOrEqual(40);
  });

  it('never leaves half a surrogate pair at the cut', () => {
    const text = '😀'.repeat(5000);
    expect(excerptText(text, 10)).toBe(`${'😀'.repeat(9)}…`);
    expect(escapeCell(text, 10)).not.toContain('\ufffd');
  });
});
