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
    expect(md).toContain('Checks: every cell’s mean score at least 0.5; no cell’s score more than 0.03 below the baseline reports/main (run main-1), where a drop counts only');
    expect(md).toContain('- ❌ `seed-xml` × `mock`: score 0.367 < fail-under 0.5 (12 cases)');
    expect(md).toMatch(/^- ❌ `seed-xml` × `mock`: score 0\.367 fell 0\.53 below baseline 0\.900 \(-0\.53 ± 0\.\d\d, p (?:< 0\.001|= 0\.00\d) Holm-adjusted over 2 cells, 12 cases\) > max drop 0\.03$/m);
    expect(md).toMatch(/^\| seed-xml \| mock \| 0\.367 \(12\) \| 0\.900 \(12\) \| -0\.53 ± 0\.\d\d \(12\) \| p (?:< 0\.001|= 0\.00\d) \| ❌ fail-under, max-drop \|$/m);
    expect(md).toMatch(/^\| five\\\|principles \| mock \| 0\.900 \(12\) \| 0\.900 \(12\) \| 0\.00 ± 0\.00 \(12\) \| p = 1\.00 \| ✅ pass \|$/m);
    expect(md).toMatch(/^\| new \| mock \| 0\.900 \(12\) \| — \| — \| — \| ✅ pass \|$/m);
    expect(md).toContain('Not checked:\n\n- `new` × `mock`: not in the baseline; max drop not checked');
    expect(checkTables(md).problems).toEqual([]);
  });

  it('a passed floor-only gate has no baseline columns and no list of failures', () => {
    const md = renderGateSection(evaluateGate(cellCalls('v @ mock', GOOD), [], { failUnder: 0.8 }));
    expect(md.split('\n')[0]).toBe('## Quality gate: ✅ passed');
    expect(md).not.toContain('❌');
    expect(md).toContain('| variant | target | score (n) | gate |');
    expect(md).toContain('Checks: every cell’s mean score at least 0.8; no cell without a scored case.');
  });

  it('says "significantly below" for the default max drop of 0', () => {
    const md = renderGateSection(evaluateGate(cellCalls('v @ mock', GOOD), [], { baseline: { label: 'b', runId: 'b', rows: cellCalls('v @ mock', GOOD) } }));
    expect(md).toContain('no cell’s score significantly below the baseline b (run b)');
  });
});
