import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMulberry32, startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, makeProject, readReport, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CASE_COUNT = 30;
const cases = `${Array.from({ length: CASE_COUNT }, (_, i) => `- { id: c${i}, input: "보고서 ${i}장 작성하기", expect: { type: answer } }`).join('\n')}\n`;
const GOOD = '{"type":"answer","items":["보고서 자료 모으기","목차대로 초안 쓰기","맞춤법 검토하기"]}';
const BAD = '{"type":"question","message":"어떤 일인가요?"}';

let server: FakeServer;
let root: string;

beforeAll(async () => {
  // A noisy model: the json-shots prompt gets the type right 90% of the time, plain only 40%.
  const random = createMulberry32(42);
  server = await startFakeServer({
    responder: (req) => {
      const good = req.systemText.includes('JSON으로만') ? 0.9 : 0.4;
      return { text: random() < good ? GOOD : BAD };
    },
  });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': cases });
});
afterAll(async () => {
  await server.close();
  removeProject(root);
});

describe('two variants with --repeat 3', () => {
  it('writes the paired comparison with meanDiff, ci95, pValue and n, and states it in words', async () => {
    const r = await runCli(['run', '--targets', 'openai:fake-model', '--repeat', '3', '--quiet', '--no-cache', '--out', 'run'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(CASE_COUNT * 2 * 3);
    const summary = readSummary(join(root, 'run'));
    expect(summary.comparisons).toHaveLength(1);
    const c = summary.comparisons[0]!;
    expect(c).toMatchObject({ kind: 'variants', target: 'openai:fake-model', a: 'json-shots', b: 'plain', n: CASE_COUNT, significant: true });

    // The numbers are the paired statistics of the case means (each the mean of 3 samples).
    const caseMean = (variant: string) => {
      const by = new Map<string, number[]>();
      for (const x of results.filter((x) => x.variant === variant)) by.set(x.caseId, [...(by.get(x.caseId) ?? []), x.score ?? 0]);
      return new Map([...by].map(([id, s]) => [id, s.reduce((a, b) => a + b, 0) / s.length]));
    };
    const a = caseMean('plain');
    const b = caseMean('json-shots');
    // b − a, with a = json-shots (variants in file order) and b = plain.
    const diffs = [...a.keys()].map((id) => (a.get(id) ?? 0) - (b.get(id) ?? 0));
    const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
    expect(c.meanDiff).toBeCloseTo(mean, 10);
    expect(c.ci95[0]).toBeLessThan(c.meanDiff);
    expect(c.ci95[1]).toBeGreaterThan(c.meanDiff);
    expect(c.ci95[1]).toBeLessThan(0);
    expect(c.pValue).toBeLessThan(0.05);
    expect(c.mcnemar).toBeNull(); // three samples a case: McNemar needs one
    // Repeats of a noisy model disagree: consistency below 1 and flaky cases listed.
    const plain = summary.cells.find((x) => x.variant === 'plain')!;
    expect(plain.consistency).toBeLessThan(1);
    expect(plain.flaky.count).toBeGreaterThan(0);

    const report = readReport(join(root, 'run'));
    // The winner's lead and the interval of its lead: −(b − a) and [−hi, −lo].
    const [lo, hi] = [-c.ci95[1], -c.ci95[0]].map((x) => x.toFixed(2));
    expect(report).toContain(`\`json-shots\` beats \`plain\` on \`openai:fake-model\` by ${Math.abs(c.meanDiff).toFixed(2)} (95% CI [${lo}, ${hi}]; p `);
    expect(report).toMatch(new RegExp(`${CASE_COUNT} cases`));
    expect(report).toMatch(/Flaky cases/);
  });
});
