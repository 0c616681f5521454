import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCellBars, makeProject, readSummary, readTables, removeProject, runCli } from './e2e-support.ts';

/**
 * The repo's corpus and two of its prompts on the deterministic mock. `candidate` is the prompt
 * under change: the five-principles prompt in the baseline, then the same prompt stating a
 * 12-character item limit that its replies (the mock's, like a real model's, run longer) do not
 * keep, which the rubric holds it to; `seed-xml` never changes. The mock gives every prompt the
 * same skill, so a prompt can only be worse on it through what the rubric holds it to.
 */
const REPO = join(import.meta.dirname, '../..');
const repoFile = (path: string) => readFileSync(join(REPO, path), 'utf8');
const asCandidate = (path: string) => repoFile(path).replace(/^id: .*$/m, 'id: candidate');

let root: string;

function files(): Record<string, string> {
  const cases = Object.fromEntries(readdirSync(join(REPO, 'cases')).filter((name) => name.endsWith('.yaml')).map((name) => [`cases/${name}`, repoFile(`cases/${name}`)]));
  return {
    'subtodo-eval.yaml': repoFile('subtodo-eval.yaml'),
    'prompts/examples/principles.yaml': repoFile('prompts/examples/principles.yaml'),
    'prompts/examples/seed.yaml': repoFile('prompts/examples/seed.yaml'),
    'prompts/seed-xml.yaml': repoFile('prompts/seed-xml.yaml'),
    'prompts/candidate.yaml': asCandidate('prompts/five-principles.yaml'),
    ...cases,
  };
}

const run = (out: string, flags: string[] = []) => runCli(['run', '--targets', 'mock', '--quiet', '--no-cache', '--out', out, ...flags], { cwd: root, env: {} });
const compare = (...argv: string[]) => runCli(['compare', ...argv], { cwd: root, env: {} });

beforeAll(async () => {
  root = makeProject(files());
  expect((await run('runs/base')).code).toBe(0);
});

afterAll(() => removeProject(root));

describe('run --baseline on the mock', () => {
  it('the same prompts again: exit 0, every cell unchanged', async () => {
    const r = await run('runs/same', ['--baseline', 'runs/base']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const gate = readSummary(join(root, 'runs/same')).gate;
    expect(gate?.passed).toBe(true);
    expect(gate?.cells.map((c) => [c.variant, c.baseline?.diff?.meanDiff])).toEqual([
      ['candidate', 0],
      ['seed-xml', 0],
    ]);
  });

  it('against a clearly better baseline: exit 1, naming only the cell that regressed', async () => {
    writeFileSync(join(root, 'prompts/candidate.yaml'), asCandidate('prompts/five-principles.yaml').replace(/^maxItemChars: 40$/mu, 'maxItemChars: 12'));
    const r = await run('runs/worse', ['--baseline', 'runs/base']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^gate: candidate × mock: score 0\.\d{3} vs baseline 0\.\d{3}: change -0\.\d\d over \d+ cases; upper bound -0\.\d+ < 0\.00 \(max-drop 0: one-sided [\d.]+%, Holm over 2 cells; p .+ adjusted\): evidence the drop exceeds 0; could detect drops ≥ 0\.\d\d \(80% power\) \[simulated\]$/,
      ),
    ]);
    expect(readSummary(join(root, 'runs/worse')).gate?.cells.map((c) => [c.variant, c.failed])).toEqual([
      ['candidate', ['max-drop']],
      ['seed-xml', []],
    ]);
  });
});

describe('compare <runA> <runB>', () => {
  it('prints run B against run A cell by cell, with the regressed cases and both replies', async () => {
    const r = await compare('runs/base', 'runs/worse');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const md = r.stdout;
    const base = readSummary(join(root, 'runs/base'));
    const worse = readSummary(join(root, 'runs/worse'));
    expect(md.split('\n')[0]).toBe(`# subtodo-eval compare — ${base.runId} → ${worse.runId}`);
    expect(md).toMatch(/^\| candidate \| mock \(simulated\) \| 0\.\d{3} \(\d+\) \| 0\.\d{3} \(\d+\) \| -0\.\d{3} \| -0\.\d+ \[-0\.\d+, -0\.\d+\] \| p .+ \| \d+ \| 0\.\d\d \| \*\*B worse\*\* \| \d+ \/ \d+ \|$/m);
    // The mock answers the same prompt the same way: nothing changed in that cell.
    expect(md).toMatch(/^\| seed-xml \| mock \(simulated\) \| .* \| 0\.00 \[0\.00, 0\.00\] \| p = 1\.00 \| \d+ \| — \| no case changed \| 0 \/ 0 \|$/m);
    expect(md).toContain('## `candidate` × `mock` (simulated)');
    expect(md).toMatch(/### Regressed \(\d+; the 10 largest shown\)/);
    expect(md).not.toContain('## `seed-xml` × `mock`');
    for (const table of readTables(md)) {
      const bars = countCellBars(table[0] ?? '');
      for (const row of table) expect(countCellBars(row)).toBe(bars);
    }
    // The regressed rows show both replies, reasoning included.
    const regressed = readTables(md)[1] ?? [];
    expect(regressed.slice(2).some((row) => row.includes('&lt;thinking&gt;'))).toBe(true);
  });

  it('lists the cells only one run has', async () => {
    expect((await run('runs/seed-only', ['--variants', 'seed-xml'])).code).toBe(0);
    const r = await compare('runs/base', 'runs/seed-only');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Only in A\n\nNot compared: B has no results for these.\n\n- `candidate` × `mock`');
    expect(r.stdout).not.toContain('## Only in B');
  });

  it('--out writes the markdown to a file instead', async () => {
    const r = await compare('runs/base', 'runs/same', '--out', 'out/compare.md');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'wrote out/compare.md\n' });
    const md = readFileSync(join(root, 'out/compare.md'), 'utf8');
    expect(md).toMatch(/^\| candidate \| mock \(simulated\) \| .* \| 0\.00 \[0\.00, 0\.00\] \| p = 1\.00 \| \d+ \| — \| no case changed \| 0 \/ 0 \|$/m);
  });

  it('--min-effect reads a significant but smaller change as negligible', async () => {
    const r = await compare('runs/base', 'runs/worse', '--min-effect', '0.9');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| candidate \| mock \(simulated\) \| .* \| negligible: below the minimum effect \| \d+ \/ \d+ \|$/m);
    expect(r.stdout).toMatch(/^A beats B by only 0\.\d\d \(95% CI .*\): below the minimum effect 0\.9, negligible\. \d+ cases regressed/m);
  });

  it.each([
    ['a missing runA', ['runs/nope', 'runs/base'], 'runA runs/nope: no such folder\n'],
    ['a runB that is not a run', ['runs/base', 'cases'], 'runB cases: not a run folder (no results.jsonl there)\n'],
    ['a file for a run', ['runs/base', 'subtodo-eval.yaml'], 'runB subtodo-eval.yaml: not a run folder (no results.jsonl there)\n'],
  ])('%s exits 2 naming the path', async (_what, argv, message) => {
    const r = await compare(...argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('an --out it cannot write exits 2', async () => {
    const r = await compare('runs/base', 'runs/same', '--out', 'subtodo-eval.yaml/x.md');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--out subtodo-eval.yaml/x.md: cannot write the comparison (a file is in the way)\n');
  });

  it('a missing argument is a usage error', async () => {
    const r = await compare('runs/base');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'runB'/);
  });
});
