import { describe, expect, it } from 'vitest';
import { buildSummary, toAggregateRow } from '../../src/aggregate/index.ts';
import { formatCodeCell } from '../../src/report/escape-markdown.ts';
import { selectFailingCases } from '../../src/report/failing-collector.ts';
import { renderReportMd } from '../../src/report/render-report-md.ts';
import { renderStepSummary } from '../../src/report/render-step-summary.ts';
import type { TrialResult } from '../../src/results/index.ts';
import { buildViewModel } from '../../src/view/model/build-view-model.ts';
import { createViewCollector } from '../../src/view/model/view-collector.ts';
import { checkTables, makeResult } from './fixtures.ts';

function build(results: TrialResult[], all = false) {
  const collector = createViewCollector();
  for (const r of results) collector.add(r);
  const summary = buildSummary(results.map(toAggregateRow), { runId: 'r-1', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', complete: true, passThreshold: 0.7, variantOrder: [], targetOrder: [] });
  const view = buildViewModel(summary, collector.collected(), { plannedCalls: results.length, repeat: 1 }, { unavailable: null, variants: {}, cases: {} });
  const failing = selectFailingCases(results, all ? Infinity : undefined, { providerErrors: false });
  return { summary, view, md: renderReportMd(summary, { failing, view, all }) };
}

// 14 failing cases for A (more than the 10 shown), a passing B, two provider errors.
const results = [
  ...Array.from({ length: 14 }, (_, i) =>
    makeResult({ trialId: `a${i}`, caseId: `c${i}`, variant: 'A', score: 0.1, pass: false, raw: '<thinking>생각</thinking>{"type":"answer"}', scores: { type: { score: 0, reason: 'wrong type' }, count: { score: 1, reason: 'ok' } } }),
  ),
  ...Array.from({ length: 14 }, (_, i) => makeResult({ trialId: `b${i}`, caseId: `c${i}`, variant: 'B', scores: { type: { score: 1, reason: 'ok' }, count: { score: 0.75, reason: 'one short' } } })),
  makeResult({ trialId: 'e1', caseId: 'c14', variant: 'B', outcome: 'provider_error', reply: null, raw: null, score: null, pass: null, error: { status: 503, message: 'upstream | down <b>' }, scores: {} }),
  makeResult({ trialId: 'e2', caseId: 'c15', variant: 'B', outcome: 'provider_error', reply: null, raw: null, score: null, pass: null, error: { status: 503, message: 'upstream | down <b>' }, scores: {} }),
];

describe('report.md from the view model', () => {
  const { md, summary, view } = build(results);

  it('has a per-criterion table: a row per criterion, a column per cell', () => {
    const section = md.slice(md.indexOf('## Per criterion'), md.indexOf('## Confusion'));
    expect(section).toContain('| criterion | B @ mock | A @ mock |');
    expect(section).toContain('| type | 1.00 | 0.00 |');
    expect(section).toContain('| count | 0.75 | 1.00 |');
  });

  it('says how many failing cases a cut list shows of how many, and how to see all', () => {
    expect(md).toContain('- A @ mock: 10 of 14 shown');
    expect(md).toContain('`subtodo-eval report <runDir> --all`');
    const all = build(results, true).md;
    expect(all).not.toContain(' of 14 shown');
    expect(all.match(/^\| c\d+ \| A @ mock \|/gm)).toHaveLength(14);
  });

  it('gives provider errors their own section and keeps them out of the failing cases', () => {
    const errors = md.slice(md.indexOf('## Provider errors'), md.indexOf('## How to read'));
    expect(errors).toContain('2 calls failed after their retries');
    expect(errors).toContain('| mock | 503 | 2 | `upstream \\| down <b>` | c14 (B), c15 (B) |');
    const failing = md.slice(md.indexOf('## Failing cases'), md.indexOf('## Provider errors'));
    expect(failing).not.toContain('| c14 | B @ mock');
  });

  it('shows reply excerpts as written, in code spans, and keeps every table whole', () => {
    expect(md).toContain('`<thinking>생각</thinking>{"type":"answer"}`');
    expect(md).not.toContain('&lt;thinking&gt;');
    expect(checkTables(md).problems).toEqual([]);
  });

  it('keeps the GitHub step summary short: ranking, significant changes, errors, where the full report is', () => {
    const step = renderStepSummary(summary, view);
    expect(step).toContain('## Ranking');
    expect(step).toContain('## Significant changes');
    // A null result says what it could have detected, as everywhere else.
    const changes = step.slice(step.indexOf('## Significant changes'), step.indexOf('## Provider errors'));
    expect(changes).toMatch(/^- (?:▲ |≈ )?.* beats .*\(95% CI \[|^- No significant difference in .*(?:smallest detectable difference \d|no spread)/m);
    expect(step).toContain('## Provider errors');
    expect(step).toContain('`report.html`');
    expect(step).not.toContain('## Failing cases');
    expect(step).not.toContain('## Confusion');
    expect(step).not.toContain('## Per-tag');
    expect(step.length).toBeLessThan(md.length / 2);
  });
});

describe('formatCodeCell', () => {
  it.each([
    ['plain', '`plain`'],
    ['a `tick` inside', '``a `tick` inside``'],
    ['`starts with one', '`` `starts with one ``'],
    ['pipe | and line\nbreak', '`pipe \\| and line ⏎ break`'],
    ['   ', ''],
  ])('%j → %j', (text, expected) => {
    expect(formatCodeCell(text)).toBe(expected);
  });
});
