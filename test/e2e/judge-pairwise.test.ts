import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairRecord } from '../../src/run/pairwise/pair-record.ts';
import type { FakeServer, RecordedRequest } from '../fake-server/fake-server.ts';
import { fakeEnv, readReport, readSummary, runCli } from './e2e-support.ts';
import { fairPairJudge, firstPositionJudge, isPairRequest, judgeConfig, responder, runJudged, scriptedJudge, startJudgeProject, stopJudgeProject, type JudgeProject } from './judge-support.ts';

const KEY = 'sk-test-pairwise-000000000';
let project: JudgeProject;
let server: FakeServer;
let root: string;
beforeAll(async () => {
  project = await startJudgeProject();
  ({ server, root } = project);
});
afterAll(() => stopJudgeProject(project));

async function run(config: string, args: string[], pair: (req: RecordedRequest) => string) {
  const out = await runJudged(project, config, args, responder(scriptedJudge, pair), KEY);
  const records = readFileSync(join(out.dir, 'pairwise.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PairRecord);
  return { ...out, records };
}

describe.each([
  { replies: 'openai:fake-model', judge: 'anthropic:fake-judge', api: 'anthropic' },
  { replies: 'anthropic:fake-claude', judge: 'openai:fake-judge', api: 'openai' },
] as const)('run --pairwise with a $api judge', ({ replies, judge, api }) => {
  it('judges each case in both orders and counts a winner only when both orders agree', async () => {
    const out = await run(judgeConfig(judge), ['--targets', replies, '--pairwise', 'plain,json-shots'], fairPairJudge);
    expect(out.code).toBe(0);
    const pairs = out.requests.filter(isPairRequest);
    expect(pairs).toHaveLength(8); // 4 cases × 2 orders
    expect(new Set(pairs.map((r) => r.api))).toEqual(new Set([api]));
    // Each case was shown once with plain first and once with json-shots first.
    const firstShown = pairs.map((r) => (/<reply_a>[\s\S]*?<\/reply_a>/.exec(r.lastUserText)?.[0] ?? '').includes('(꼼꼼)'));
    expect(firstShown.filter(Boolean)).toHaveLength(4);
    expect(out.records).toHaveLength(4);
    expect(out.records.every((r) => r.outcome === 'a' && !r.disagreed)).toBe(true);
    expect(out.records[0]?.orders).toEqual([
      { winner: 'A', reason: '더 구체적이다' },
      { winner: 'B', reason: '더 구체적이다' },
    ]);
    const [p] = readSummary(out.dir).pairwise ?? [];
    expect(p).toMatchObject({ a: 'plain', b: 'json-shots', target: replies, n: 4, wins: 4, ties: 0, losses: 0, winRate: 1, orderDisagreements: 0 });
    // 4 of 4 decisive cases: exact sign test p = 2 × 0.5⁴ = 0.125, not significant on four cases.
    expect(p?.signTestP).toBeCloseTo(0.125, 12);
    expect(p?.positionBias).toMatchObject({ firstWins: 4, decisive: 8, rate: 0.5, pValue: 1, biased: false });
    expect(out.stdout).toContain(`plain vs json-shots on ${replies}: no significant difference (4 wins, 0 ties, 0 losses over 4 cases; win rate 100% (51–100) of decisive cases; sign test p = 0.13).`);
  });
});

describe('a position-biased judge', () => {
  it('yields ties when its two orders disagree, and is reported as biased', async () => {
    const out = await run(judgeConfig('openai:fake-judge', '  pairwise: [plain, json-shots]'), ['--targets', 'anthropic:fake-claude'], firstPositionJudge);
    expect(out.code).toBe(0);
    expect(out.records.map((r) => [r.outcome, r.disagreed, r.firstWon])).toEqual(Array.from({ length: 4 }, () => ['tie', true, [true, true]]));
    const [p] = readSummary(out.dir).pairwise ?? [];
    expect(p).toMatchObject({ n: 4, wins: 0, ties: 4, losses: 0, winRate: null, signTestP: 1, orderDisagreements: 4 });
    // The first position won all 8 decisive orders: p = 2 × 0.5⁸.
    expect(p?.positionBias).toMatchObject({ firstWins: 8, decisive: 8, rate: 1, biased: true });
    expect(p?.positionBias.pValue).toBeCloseTo(2 / 256, 12);
    expect(out.stdout).toContain('⚠ position bias: the reply shown first won 100% (68–100) of 8 decisive orders (p = 0.008 against 50%) — the judge is biased by position; 4 pairs whose orders disagreed count as ties.');
    const report = readReport(out.dir);
    expect(report).toContain('## Pairwise (judged head to head)');
    expect(report).toContain('⚠ position bias: the reply shown first won 100% (68–100) of 8 decisive orders');
    expect(report).toMatch(/\| plain \| json-shots \| anthropic:fake-claude \| 0 \| 4 \| 0 \| — \| 4 \| 100% ⚠ \| 0 \| 0 \|/);
  });

  it('rebuilds the same pairwise summary with `report`', async () => {
    const out = await run(judgeConfig('openai:fake-judge', '  pairwise: [plain, json-shots]'), ['--targets', 'anthropic:fake-claude'], firstPositionJudge);
    const before = readSummary(out.dir).pairwise;
    const again = await runCli(['report', out.dir], { cwd: root, env: {} });
    expect(again.code).toBe(0);
    expect(readSummary(out.dir).pairwise).toEqual(before);
    expect(readSummary(out.dir).judge?.target).toBe('openai:fake-judge');
  });
});

describe('pairwise usage mistakes', () => {
  it('refuses a pair that is not two variants of the run, before any call', async () => {
    writeFileSync(join(root, 'subtodo-eval.yaml'), judgeConfig('openai:fake-judge'));
    const first = server.requests.length;
    const out = await runCli(['run', '--no-cache', '--targets', 'openai:fake-model', '--pairwise', 'plain,nope'], { cwd: root, env: fakeEnv(server, KEY) });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('--pairwise: "nope" is not a variant of this run (variants: json-shots, plain)\n');
    expect(server.requests.length).toBe(first);
  });
});

describe('compare <runA> <runB> --judge', () => {
  it('judges run B\'s replies against run A\'s, cell by cell, and B wins where its replies are better', async () => {
    writeFileSync(join(root, 'subtodo-eval.yaml'), judgeConfig('anthropic:fake-judge'));
    // Run A: json-shots only (its replies have no "(꼼꼼)"); run B: the same variant, but the model got careful.
    let careful = false;
    server.setResponder((req) => {
      if (isPairRequest(req)) return { text: fairPairJudge(req) };
      const text = responder(scriptedJudge)(req);
      if (!('text' in text) || !careful || req.systemText.includes('<criteria')) return text;
      return { text: text.text.replace(/"\]|"\}/, (end) => ` (꼼꼼)${end}`) };
    });
    const env = fakeEnv(server, KEY);
    const base = ['run', '--no-cache', '--quiet', '--targets', 'openai:fake-model', '--variants', 'json-shots'];
    expect((await runCli([...base, '--out', 'runs/a'], { cwd: root, env })).code).toBe(0);
    careful = true;
    expect((await runCli([...base, '--out', 'runs/b'], { cwd: root, env })).code).toBe(0);
    const first = server.requests.length;
    const out = await runCli(['compare', 'runs/a', 'runs/b', '--judge', '--no-cache'], { cwd: root, env });
    expect(out.stderr).toBe('compare --judge: judging 4 pair(s) in both orders with anthropic:fake-judge…\n');
    expect(out.code).toBe(0);
    const pairs = server.requests.slice(first).filter(isPairRequest);
    expect(pairs).toHaveLength(8);
    expect(pairs.every((r) => r.api === 'anthropic')).toBe(true);
    expect(out.stdout).toContain('## Judged head to head (run B against run A)');
    expect(out.stdout).toContain('- `runs/b` vs `runs/a` on `json-shots × openai:fake-model`: no significant difference (4 wins, 0 ties, 0 losses over 4 cases; win rate 100% (51–100) of decisive cases; sign test p = 0.13)');
  });
});

describe('pairwise calls are cached like any call', () => {
  it('a second run of the same pairs asks the judge nothing', async () => {
    writeFileSync(join(root, 'subtodo-eval.yaml'), judgeConfig('openai:fake-judge', '  pairwise: [plain, json-shots]'));
    server.setResponder(responder(scriptedJudge, fairPairJudge));
    const env = fakeEnv(server, KEY);
    const args = ['run', '--quiet', '--targets', 'anthropic:fake-claude', '--cache-dir', 'pair-cache'];
    const first = server.requests.length;
    expect((await runCli([...args, '--out', 'runs/cached-1'], { cwd: root, env })).code).toBe(0);
    expect(server.requests.slice(first).filter(isPairRequest)).toHaveLength(8);
    const second = server.requests.length;
    expect((await runCli([...args, '--out', 'runs/cached-2'], { cwd: root, env })).code).toBe(0);
    expect(server.requests.length).toBe(second);
    const records = readFileSync(join(root, 'runs/cached-2/pairwise.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PairRecord);
    expect(records.every((r) => r.cached && r.outcome === 'a')).toBe(true);
  });
});
