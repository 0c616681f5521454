import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../src/aggregate/aggregate-row.ts';
import { buildSummary, type SummaryMeta } from '../../src/aggregate/build-summary.ts';
import { renderReportMd } from '../../src/report/render-report-md.ts';
import { renderTerminalSummary } from '../../src/report/render-terminal.ts';

// From calls to what a reader sees: the numbers the aggregator computes and the text that claims them.

const meta: SummaryMeta = {
  runId: 'r',
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:01:00.000Z',
  complete: true,
  passThreshold: 0.7,
  variantOrder: [],
  targetOrder: ['t'],
};

function rows(variant: string, scores: readonly (number | null)[]): AggregateRow[] {
  return scores.map((score, i) => ({
    caseId: `c${i}`,
    variant,
    target: 't',
    repeat: 0,
    expectedType: 'answer',
    acceptedTypes: ['answer'],
    tags: [],
    outcome: score === null ? 'provider_error' : 'answer',
    exactForm: score === null ? null : true,
    score,
    pass: score === null ? null : score >= 0.7,
    latencyMs: 400,
    usage: { inputTokens: 1, outputTokens: 1 },
    costUsd: null,
    simulated: false,
  }));
}

function render(...cells: AggregateRow[][]): { md: string; terminal: string } {
  const summary = buildSummary(cells.flat(), meta);
  return { md: renderReportMd(summary, { failing: [] }), terminal: renderTerminalSummary(summary, { color: false }) };
}

describe('report numbers from rows', () => {
  it('prints the ± of the t-interval as computed, not of one clipped to [0, 1]', () => {
    // mean 0.9, t-interval [0.622, 1.178]: clipped it would print ± 0.189
    const { md, terminal } = render(rows('A', [1, 1, 1, 1, 0.5]));
    expect(md).toContain('| 0.900 ± 0.278 |');
    expect(terminal).toContain(' 0.900 ± 0.278 ');
  });

  it('prints no interval, not ± 0.000, for a one-case cell', () => {
    const { md, terminal } = render(rows('A', [0.8]));
    for (const out of [md, terminal]) {
      expect(out).toContain('0.800 ± — (n=1)');
      expect(out).not.toContain('± 0.000');
    }
  });

  it('does not call the same gain on 2 cases a win, and gives it an interval that is not a point', () => {
    const { md, terminal } = render(rows('A', [0, 0]), rows('B', [1, 1]));
    expect(md).toContain('| B | +1.00 [-0.68, 1.00] |');
    expect(md).toContain('The comparison does not differ significantly (a single comparison, unadjusted): the differences have no spread to estimate a detectable difference from.');
    expect(md).toContain('- `A` → `B` on `t`: 0 to fail, 2 to pass (`c0`, `c1`); McNemar p = 0.50');
    expect(md.slice(md.indexOf('## Comparisons'), md.indexOf('## Confusion'))).not.toMatch(/± 0\.0|\[1\.00, 1\.00\]/);
    expect(terminal).not.toContain('beats');
    expect(terminal).toContain('No significant difference in 1 comparison (no spread to estimate a detectable difference from).');
  });

  it('calls the same gain on 6 cases a win by the exact test, with an interval that is not a point', () => {
    const { md } = render(rows('A', [0, 0, 0, 0, 0, 0]), rows('B', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]));
    expect(md).toContain('| B | +0.50 [0.04, 0.50] ▲ |');
    expect(md).toContain('- `B` beats `A` on `t` by 0.50 (95% CI [0.04, 0.50]; p = 0.031; 6 cases, 6 changed: exact sign-flip test).');
  });

  it('prints — for the latency of a cell where every call failed', () => {
    const { md, terminal } = render(rows('A', [null, null]));
    expect(md).toMatch(/\| — \| — \| 0 \|$/m); // p50 ms, cost, n
    expect(terminal).toMatch(/ 0 +2 +— +\S+$/m); // format err, API err, p50 ms, cost
  });
});
