import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/compare/evaluate-gate.ts';
import { renderGateSection } from '../../src/report/render-gate-md.ts';
import { cellCalls } from '../compare/fixtures.ts';
import { checkTables } from './fixtures.ts';

const GOOD = Array.from({ length: 12 }, () => 0.9);
const BAD = GOOD.map((s, i) => (i < 8 ? 0.1 : s));

describe('renderGateSection', () => {
  it('a failed gate: the verdict, the checks, each failure naming its cell, a row per cell and what was not checked', () => {
    const rows = [...cellCalls('seed-xml @ mock', BAD), ...cellCalls('five|principles @ mock', GOOD), ...cellCalls('new @ mock', GOOD)];
    const base = [...cellCalls('seed-xml @ mock', GOOD), ...cellCalls('five|principles @ mock', GOOD)];
    const gate = evaluateGate(rows, [], { failUnder: 0.5, maxDrop: 0.03, baseline: { label: 'reports/main', runId: 'main-1', rows: base } });
    const md = renderGateSection(gate);
    expect(md.split('\n')[0]).toBe('## Quality gate: ❌ failed');
    expect(md).toContain(
      'Checks: every cell’s mean score at least 0.5; no cell with evidence of a score drop of more than 0.03 below the baseline reports/main (run main-1), ' +
        'paired by case over the cases both runs have: a cell fails when the one-sided 95% upper bound of this run − baseline, Holm-adjusted over the 2 cells tested, is below −0.03',
    );
    expect(md).toContain('- ❌ `seed-xml` × `mock`: score 0.367 < fail-under 0.5 (12 cases)');
    expect(md).toContain(
      '- ❌ `seed-xml` × `mock`: score 0.367 vs baseline 0.900: change -0.53 over 12 cases; upper bound -0.14 < -0.03 ' +
        '(max-drop 0.03: one-sided 97.5%, Holm over 2 cells; p = 0.012 adjusted): evidence the drop exceeds 0.03; could detect drops ≥ 0.38 (80% power)',
    );
    expect(md).toContain('| variant | target | score (n) | baseline (n) | change [95% CI] (shared n) | bound vs margin | p (margin) | could detect drops ≥ | gate |');
    expect(md).toContain('| seed-xml | mock | 0.367 (12) | 0.900 (12) | -0.53 [-0.72, -0.14] (12) | upper -0.14 < -0.03 (97.5%) | p = 0.012 adjusted | 0.38 | ❌ fail-under, max-drop |');
    // Nothing changed: the bound is 0, and there is no spread to state a power from.
    expect(md).toContain('| five\\|principles | mock | 0.900 (12) | 0.900 (12) | 0.00 [0.00, 0.00] (12) | upper 0.00 > -0.03 (95%) | p = 1.00 adjusted | — | ✅ pass |');
    expect(md).toContain('| new | mock | 0.900 (12) | — | — | — | — | — | ✅ pass |');
    expect(md).toContain('Not checked:\n\n- `new` × `mock`: not in the baseline; max-drop not checked');
    expect(checkTables(md).problems).toEqual([]);
  });

  it('a passed floor-only gate has no baseline columns and no list of failures', () => {
    const md = renderGateSection(evaluateGate(cellCalls('v @ mock', GOOD), [], { failUnder: 0.8 }));
    expect(md.split('\n')[0]).toBe('## Quality gate: ✅ passed');
    expect(md).not.toContain('❌');
    expect(md).toContain('| variant | target | score (n) | gate |');
    expect(md).toContain('Checks: every cell’s mean score at least 0.8; no cell without a scored case.');
  });

  it('says "any drop" for the default max drop of 0', () => {
    const md = renderGateSection(evaluateGate(cellCalls('v @ mock', GOOD), [], { baseline: { label: 'b', runId: 'b', rows: cellCalls('v @ mock', GOOD) } }));
    expect(md).toContain('no cell with evidence of any score drop below the baseline b (run b)');
    expect(md).toContain('is below 0 (mode max-drop: noise does not fail)');
  });

  it('states the non-inferiority check and a lower bound per cell', () => {
    const md = renderGateSection(evaluateGate(cellCalls('v @ mock', BAD), [], { mode: 'non-inferiority', maxDrop: 0.05, baseline: { label: 'b', runId: 'b', rows: cellCalls('v @ mock', GOOD) } }));
    expect(md).toContain('every cell shown no more than 0.05 below the baseline b (run b), paired by case over the cases both runs have: its one-sided 95% lower bound of this run − baseline must be above −0.05');
    expect(md).toMatch(/^\| v \| mock \| 0\.367 \(12\) \| 0\.900 \(12\) \| .* \| lower -0\.\d\d < -0\.05 \(95%\) \| p = 1\.00 \| any \| ❌ non-inferiority \|$/m);
    expect(md).toMatch(/^- ❌ `v` × `mock`: score 0\.367 vs baseline 0\.900: change -0\.53 over 12 cases; lower bound -0\.\d\d is not above -0\.05 \(non-inferiority 0\.05: one-sided 95%; p = 1\.00\): no evidence the drop is under 0\.05; could detect any drop \(80% power\); an unchanged prompt passes \d+% of the time with these cases$/m);
  });
});
