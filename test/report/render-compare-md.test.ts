import { describe, expect, it } from 'vitest';
import { compareRuns, type RunInput } from '../../src/compare/compare-runs.ts';
import type { PairedDiff } from '../../src/compare/pair-cells.ts';
import { judgeChange, renderCompareMd } from '../../src/report/render-compare-md.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { call } from '../compare/fixtures.ts';
import { checkTables } from './fixtures.ts';

const HOSTILE = 'x | y </td><script>alert(1)</script>\n\n## Injected heading\n| a | b |\n![img](https://evil.example/p.png) `code` &lt;b&gt; \u0000\u001b[31m\u202e';

function run(label: string, results: TrialResult[], extra: Partial<RunInput> = {}): RunInput {
  return { label, runId: `${label}-id`, startedAt: '2026-01-01T00:00:00.000Z', complete: true, passThreshold: 0.7, results, ...extra };
}

function diff(overrides: Partial<PairedDiff>): PairedDiff {
  return { meanDiff: 0.1, ci95: [0.05, 0.15], pValue: 0.001, pAdjusted: 0.002, n: 30, significant: true, ...overrides };
}

describe('judgeChange', () => {
  it.each([
    ['significant rise', diff({}), undefined, 'better'],
    ['significant fall', diff({ meanDiff: -0.1, ci95: [-0.15, -0.05] }), undefined, 'worse'],
    ['CI spans 0', diff({ ci95: [-0.01, 0.21], significant: false }), undefined, 'none'],
    ['significant flag but CI spans 0 is never a win', diff({ ci95: [-0.01, 0.21] }), undefined, 'none'],
    ['not significant after adjustment, though the unadjusted CI excludes 0', diff({ significant: false }), undefined, 'unadjusted'],
    ['significant but under the minimum effect', diff({}), 0.2, 'negligible'],
    ['no case changed', diff({ meanDiff: 0, ci95: [0, 0], significant: false, changed: 0 }), undefined, 'unchanged'],
    ['no test', null, undefined, 'untested'],
  ] as const)('%s → %s', (_what, d, minEffect, expected) => {
    expect(judgeChange(d, minEffect)).toBe(expected);
  });
});

describe('renderCompareMd', () => {
  const scoresA = [1, 1, 1, 1, 1, 1, 0.9, 0.8];
  const scoresB = [0, 0, 0, 0, 0.2, 1, 1, 1];
  const a = run('reports/a', [
    ...scoresA.map((s, i) => call('seed-xml @ mock', `c${i}`, s, { raw: `A reply ${i}`, input: i === 0 ? HOSTILE : `할 일 ${i}` })),
    call('gone @ mock', 'c0', 1),
  ]);
  const b = run('reports/b', [
    ...scoresB.map((s, i) => call('seed-xml @ mock', `c${i}`, s, { raw: i === 0 ? HOSTILE : `B reply ${i}`, outcome: s === 0 ? 'format_error' : 'answer' })),
    call('new|variant @ mock', 'c0', 1),
  ]);
  const md = renderCompareMd(compareRuns(a, b));

  it('shows every cell in one table and a section per changed cell', () => {
    expect(md).toMatch(/^# subtodo-eval compare — reports\/a-id → reports\/b-id$/m);
    // 7 of 8 cases changed, 2 of them up: the exact sign-flip test, which a t-test would have called a fall.
    expect(md).toContain('| seed-xml | mock (simulated) | 0.963 (8) | 0.400 (8) | -0.563 | -0.56 [-0.72, 0.03] | p = 0.063 | 8 | 0.64 | no significant change | 5 / 2 |');
    expect(md).toContain('## `seed-xml` × `mock` (simulated)');
    expect(md).toContain(
      'No significant difference between A and B: B − A = -0.56 (95% CI [-0.72, 0.03]; p = 0.063; 8 cases, 7 changed: exact sign-flip test; ' +
        'smallest detectable difference 0.64 at 80% power, α = 0.05). 5 cases regressed, 2 improved.',
    );
    expect(md).toContain('### Regressed (5)');
    expect(md).toContain('### Improved (2)');
    expect(md).toMatch(/^\| c1 \| 할 일 1 \| 1\.000 pass \| 0\.000 fail · format\\_error \| -1\.000 \| A reply 1 \| B reply 1 \|$/m);
  });

  it('calls a fall a fall when the test says so, and says the Holm family in the header', () => {
    const before = [...[1, 1, 1, 1, 1, 1, 0.9, 0.8].map((s, i) => call('v @ mock', `c${i}`, s)), ...[1, 1].map((s, i) => call('w @ mock', `c${i}`, s))];
    const after = [...[0, 0, 0, 0, 0.2, 0.5, 0.6, 0.7].map((s, i) => call('v @ mock', `c${i}`, s)), ...[1, 1].map((s, i) => call('w @ mock', `c${i}`, s))];
    const out = renderCompareMd(compareRuns(run('a', before), run('b', after)));
    expect(out).toContain('its p-value, Holm-adjusted over the 2 cells tested, is under 0.05 (the interval shown is the unadjusted 95% CI');
    expect(out).toMatch(/^\| v \| mock \(simulated\) \| .* \| p = 0\.016 \| 8 \| .* \| \*\*B worse\*\* \| 8 \/ 0 \|$/m);
    expect(out).toMatch(/^\| w \| mock \(simulated\) \| .* \| 0\.00 \[0\.00, 0\.00\] \| p = 1\.00 \| 2 \| — \| no case changed \| 0 \/ 0 \|$/m);
    expect(out).toContain('A beats B by 0.71 (95% CI [0.19, 0.71]');
    expect(out).toContain('; p = 0.016, Holm-adjusted over 2 comparisons; 8 cases, 8 changed: exact sign-flip test). 8 cases regressed, 0 improved.');
  });

  it('lists the cells only one run has', () => {
    expect(md).toContain('## Only in A\n\nNot compared: B has no results for these.\n\n- `gone` × `mock`');
    expect(md).toContain('## Only in B');
    expect(md).toContain('- `new|variant` × `mock`');
  });

  it('keeps hostile model and case text inside its table cell', () => {
    expect(checkTables(md).problems).toEqual([]);
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/^## Injected heading/m);
    expect(md).not.toContain('![img]');
    for (const ch of ['\u0000', '\u001b', '\u202e']) expect(md).not.toContain(ch);
    expect(md).toContain('&lt;script&gt;');
  });

  it('warns about simulated, incomplete runs and different pass thresholds', () => {
    const warned = renderCompareMd(compareRuns(run('a', [call('v @ t', 'x', 1)], { complete: false }), run('b', [call('v @ t', 'x', 1)], { passThreshold: 0.8 })));
    expect(warned).toContain('> ⚠ Simulated');
    expect(warned).toContain('> ⚠ Run A is incomplete');
    expect(warned).not.toContain('Run B is incomplete');
    expect(warned).toContain('different pass thresholds (A 0.7, B 0.8)');
    expect(warned).toMatch(/\| under 2 shared cases \| 0 \/ 0 \|$/m);
  });

  it('says when no cell is in both runs', () => {
    const none = renderCompareMd(compareRuns(run('a', [call('v @ t', 'x', 1)]), run('b', [call('w @ t', 'x', 1)])));
    expect(none).toContain('_No variant × target is in both runs._');
  });
});
