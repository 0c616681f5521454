import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth } from '../../src/report/display-width.ts';
import { renderTerminalSummary } from '../../src/report/render-terminal.ts';
import { makeCell, makeComparison, makeSummary } from './fixtures.ts';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('displayWidth', () => {
  it.each([
    ['abc', 3],
    ['할 일', 5],
    ['장보기 목록', 11],
    ['\u1100\u1161', 2], // conjoining jamo: one syllable
    ['é', 1],
    ['e\u0301', 1],
    ['日本', 4],
    ['ｆｕｌｌ', 8],
    ['😀', 2],
    ['👩‍👩‍👧', 2],
    ['\u001b[31mred\u001b[39m', 3],
    ['', 0],
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads by columns, not code units', () => {
    expect(padToWidth('할 일', 7)).toBe('할 일  ');
    expect(padToWidth('42', 4, 'right')).toBe('  42');
  });
});

describe('renderTerminalSummary', () => {
  const summary = makeSummary({
    cells: [...makeSummary().cells, makeCell({ variant: '다섯 원칙', target: 'openai:gpt-4.1-mini', simulated: false, meanScore: 0.5 })],
  });

  it('has no ANSI escapes without colour and has them with colour', () => {
    expect(renderTerminalSummary(summary, { color: false })).not.toMatch(ANSI);
    expect(renderTerminalSummary(summary, { color: true })).toMatch(ANSI);
  });

  it('ranks cells in columns aligned by display width', () => {
    const out = renderTerminalSummary(summary, { color: false });
    const table = out.split('\n').filter((l) => /^(#|\d) /.test(l));
    expect(table).toHaveLength(4);
    expect(table[1]).toContain('five-principles');
    expect(table[1]).toContain('0.812 ± 0.041');
    expect(table[1]).toContain('79%');
    // format err (format + schema: the model's) apart from API err (provider).
    expect(table[0]).toMatch(/format err +API err/);
    expect(table[2]).toMatch(/ 3 +1 +812/);
    expect(table[3]).toContain('다섯 원칙');
    // The target column starts at the same screen column after a Korean variant name.
    const targetStarts = table.map((l) => displayWidth(l.slice(0, l.search(/target|mock|openai/))));
    expect(targetStarts).toEqual([20, 20, 20, 20]);
    expect(new Set(table.map((l) => displayWidth(l))).size).toBe(1);
  });

  it('marks simulated cells and the run, and says the significant verdicts', () => {
    const out = renderTerminalSummary(summary, { color: false });
    expect(out).toContain('mock (simulated)');
    expect(out).not.toContain('gpt-4.1-mini (simulated)');
    expect(out).toContain('⚠ simulated');
    expect(out).toContain('▲ five-principles beats seed-xml on mock by 0.07 (95% CI [0.04, 0.10]; p = 0.002; 84 cases).');
    expect(out).not.toContain('No significant difference');
  });

  it('lists only the significant comparisons, counts those only the unadjusted CI separates, and says what the rest could have seen', () => {
    const comparisons = [
      makeComparison({ pAdjusted: 0.004, mcnemar: { aOnly: 1, bOnly: 8, pValue: 0.039 }, flipped: { toFail: ['x'], toPass: [] } }),
      makeComparison({ a: 'A', b: 'B', significant: false, pAdjusted: 0.6, ci95: [-0.01, 0.05], mde: 0.08 }),
      makeComparison({ a: 'A', b: 'C', significant: false, pAdjusted: 0.09, ci95: [0.01, 0.05], mde: 0.11 }),
    ];
    const out = renderTerminalSummary(makeSummary({ comparisons }), { color: false });
    expect(out).toContain('▲ five-principles beats seed-xml on mock by 0.07 (95% CI [0.04, 0.10]; p = 0.004, Holm-adjusted over 3 comparisons; 84 cases).\n');
    expect(out).toContain('† 1 more pair: the unadjusted 95% CI excludes 0, but not significant after Holm over 3 comparisons (report.md lists them).\n');
    expect(out).toContain('No significant difference in the other 2 comparisons (Holm over 3; smallest detectable difference 0.08 to 0.11 at 80% power, α = 0.05/3).');
    expect(out).not.toContain('McNemar');
    expect(out).not.toContain('flipped');
  });

  it('warns about flaky cases', () => {
    const cells = [makeCell({ flaky: { count: 2, caseIds: ['a', 'b'] }, consistency: 0.9 }), makeCell({ variant: 'v2', flaky: { count: 1, caseIds: ['a'] } })];
    expect(renderTerminalSummary(makeSummary({ cells }), { color: false })).toContain('⚠ 3 flaky cases in 2 cells');
    expect(renderTerminalSummary(makeSummary(), { color: false })).not.toContain('flaky');
  });

  it('never prints a win for a CI spanning 0', () => {
    const tie = makeSummary({ comparisons: [makeComparison({ ci95: [-0.01, 0.15], significant: true })] });
    const out = renderTerminalSummary(tie, { color: false });
    expect(out).not.toContain('beats');
    expect(out).toContain('No significant difference in 1 comparison (smallest detectable difference 0.05 at 80% power, α = 0.05).');
  });

  it('highlights the best cell', () => {
    const out = renderTerminalSummary(summary, { color: true });
    const best = out.split('\n').find((l) => l.includes('five-principles') && !l.includes('beats'));
    expect(best?.startsWith('\u001b[32m\u001b[1m')).toBe(true);
  });

  it('lists the written files when given an output folder, and flags an incomplete run', () => {
    const out = renderTerminalSummary(makeSummary({ complete: false }), { color: false, outDir: 'reports/r1' });
    expect(out).toContain('reports/r1/report.md');
    expect(out).toContain('reports/r1/summary.json');
    expect(out).toContain('⚠ incomplete run');
    expect(renderTerminalSummary(makeSummary(), { color: false })).not.toContain('wrote');
  });

  it('says — for the ± of a one-case cell and for the latency of a cell with no reply', () => {
    const cells = [
      makeCell({ variant: 'single', meanScore: 0.8, ci95: null, n: 1 }),
      makeCell({ variant: 'down', meanScore: null, ci95: null, n: 0, latencyMs: { p50: null, p95: null } }),
    ];
    const lines = renderTerminalSummary(makeSummary({ cells }), { color: false }).split('\n');
    expect(lines.find((l) => l.includes('single'))).toMatch(/ 0\.800 ± — \(n=1\) .* 812 +\S+$/);
    expect(lines.find((l) => l.includes('down'))).toMatch(/ — +88% +0\.810 ± 0\.050 +69% +90% +3 +1 +— +\S+$/);
    expect(lines.join('\n')).not.toContain('± 0.000');
  });

  it('keeps control characters in names off the terminal', () => {
    const out = renderTerminalSummary(makeSummary({ cells: [makeCell({ variant: 'x\u001b[2Jy' })] }), { color: false });
    expect(out).not.toMatch(ANSI);
  });
});
