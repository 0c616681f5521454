import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { costOfUsage } from '../../src/cost/compute-cost.ts';
import { PRICE_TABLE } from '../../src/cost/price-table.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { fakeEnv, makeProject, readReport, readResults, readSummary, removeProject, runCli } from './e2e-support.ts';

let server: FakeServer;
let root: string;

afterEach(async () => {
  await server.close();
  removeProject(root);
});

const cases = `${Array.from({ length: 4 }, (_, i) => `- { id: c${i}, input: "할 일 ${i} 하기", expect: { type: answer } }`).join('\n')}\n`;
// A long, stable prefix: the system prompt and nine inline examples before the to-do.
const variant = [
  'id: long',
  `system: "${'당신은 할 일을 나누는 플래너입니다. '.repeat(60)}"`,
  'format: json',
  'template: "예시:\\n{{examples}}\\n\\n할 일: {{todo}}"',
  'examples:',
  ...Array.from({ length: 9 }, (_, i) => `  - { input: "예시 할 일 ${i}", output: { type: answer, items: [첫 단계 ${i}, 둘째 단계 ${i}] } }`),
  '',
].join('\n');

function project(target: string): string {
  return makeProject({
    'subtodo-eval.yaml': ['prompts: prompts/*.yaml', 'cases: cases/*.yaml', 'concurrency: 1', 'targets:', target, ''].join('\n'),
    'prompts/long.yaml': variant,
    'cases/a.yaml': cases,
  });
}

describe('prompt caching', () => {
  it('Anthropic: promptCache marks the system prompt and the examples; cached tokens are recorded, priced and reported', async () => {
    server = await startFakeServer({ promptCache: true });
    root = project('  - { provider: anthropic, model: claude-haiku-4-5, promptCache: true }');
    const r = await runCli(['run', '--out', 'run', '--no-cache'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(0);

    const body = server.requests[0]?.body as { system: unknown; messages: { content: unknown }[] };
    expect(body.system).toEqual([{ type: 'text', text: expect.stringContaining('플래너'), cache_control: { type: 'ephemeral' } }]);
    // The user turn splits where the to-do starts: the examples are the cached part.
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: expect.stringMatching(/^예시:\n[\s\S]*예시 할 일 8[\s\S]*할 일: $/), cache_control: { type: 'ephemeral' } },
      { type: 'text', text: '할 일 0 하기' },
    ]);

    const results = readResults(join(root, 'run'));
    const price = PRICE_TABLE.anthropic['claude-haiku-4-5']!;
    const written = results.filter((x) => x.usage.cacheWriteTokens !== undefined);
    const read = results.filter((x) => x.usage.cachedInputTokens !== undefined);
    expect([written.length, read.length]).toEqual([1, 3]);
    for (const x of results) expect(x.costUsd).toBeCloseTo(costOfUsage(price, x.usage, 'live'), 12);
    expect(read[0]!.costUsd).toBeLessThan(written[0]!.costUsd ?? 0);
    expect(read[0]!.promptCacheSavingUsd).toBeGreaterThan(0);
    expect(written[0]!.promptCacheSavingUsd).toBeLessThan(0); // a write costs 1.25×

    const cell = readSummary(join(root, 'run')).cells[0]!;
    expect(cell.usage.cachedInputTokens).toBe(read.reduce((n, x) => n + (x.usage.cachedInputTokens ?? 0), 0));
    expect(cell.promptCacheSavingUsd).toBeCloseTo(results.reduce((n, x) => n + (x.promptCacheSavingUsd ?? 0), 0), 12);
    expect(readReport(join(root, 'run'))).toMatch(/## Cost[\s\S]*prompt caches saved \$0\.\d+/);
    expect(r.stdout).toMatch(/Cost per cell:\n.*prompt-cache saving\nlong\s+anthropic:claude-haiku-4-5\s+4\s+0\s+0\s+[\d,]+ \([\d,]+\)/);
  });

  it('Anthropic without promptCache sends plain strings', async () => {
    server = await startFakeServer({ promptCache: true });
    root = project('  - anthropic:claude-haiku-4-5');
    expect((await runCli(['run', '--out', 'run', '--no-cache', '--quiet'], { cwd: root, env: fakeEnv(server) })).code).toBe(0);
    const body = server.requests[0]?.body as { system: unknown; messages: { content: unknown }[] };
    expect(typeof body.system).toBe('string');
    expect(typeof body.messages[0]?.content).toBe('string');
    expect(readResults(join(root, 'run')).every((x) => x.usage.cachedInputTokens === undefined && x.promptCacheSavingUsd === undefined)).toBe(true);
  });

  it('OpenAI: the prefix comes first and unchanged, and the cached tokens the API reports are priced at the cached rate', async () => {
    server = await startFakeServer({ promptCache: true });
    root = project('  - openai:gpt-4.1-mini');
    expect((await runCli(['run', '--out', 'run', '--no-cache', '--quiet'], { cwd: root, env: fakeEnv(server) })).code).toBe(0);
    const systems = new Set(server.requests.map((q) => q.systemText));
    expect(systems.size).toBe(1);
    const results = readResults(join(root, 'run'));
    const price = PRICE_TABLE.openai['gpt-4.1-mini']!;
    expect(results.filter((x) => (x.usage.cachedInputTokens ?? 0) > 0)).toHaveLength(3);
    for (const x of results) expect(x.costUsd).toBeCloseTo(costOfUsage(price, x.usage, 'live'), 12);
  });
});
