import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { costOfUsage } from '../../src/cost/compute-cost.ts';
import { PRICE_TABLE } from '../../src/cost/price-table.ts';
import { defaultResponder, startFakeServer, type FakeServer, type RecordedRequest, type Responder } from '../fake-server/fake-server.ts';
import { verdictText, gradedType } from '../support/judge-fixtures.ts';
import { fakeEnv, makeProject, readResults, readSummary, removeProject, runCli } from './e2e-support.ts';

const bin = fileURLToPath(new URL('../../bin/subtodo-eval.js', import.meta.url));
const TARGETS = 'openai:gpt-4.1-mini,anthropic:claude-haiku-4-5';

let server: FakeServer;
let root: string;

afterEach(async () => {
  await server.close();
  removeProject(root);
});

function project(inputs: string[], extra: string[] = []): string {
  return makeProject({
    'subtodo-eval.yaml': ['prompts: prompts/*.yaml', 'cases: cases/*.yaml', 'batch: { pollSeconds: 0.02 }', ...extra, ''].join('\n'),
    'prompts/p.yaml': ['id: p', 'system: 하위 투두로 나누세요.', 'format: json', 'examples:', '  - { input: 이사 준비하기, output: { type: answer, items: [짐 싸기, 업체 예약하기] } }', ''].join('\n'),
    'cases/a.yaml': `${inputs.map((input, i) => `- { id: c${i}, input: "${input}", expect: { type: answer } }`).join('\n')}\n`,
  });
}

const live = (server: FakeServer) => server.requests.filter((r) => (r.path === '/v1/chat/completions' || r.path === '/v1/messages') && r.batchId === undefined);
const creates = (server: FakeServer) => server.requests.filter((r) => r.method === 'POST' && (r.path === '/v1/batches' || r.path === '/v1/messages/batches')).length;

/** Fails the requests whose to-do says FAILME while `failing.on` holds; the default answer otherwise. */
function failOnce(failing: { on: boolean }): Responder {
  return (req: RecordedRequest) => (failing.on && req.lastUserText.includes('FAILME') ? { fault: 'status', status: 500, message: 'overloaded, try later' } : defaultResponder(req));
}

function price(target: string) {
  return target.startsWith('openai') ? PRICE_TABLE.openai['gpt-4.1-mini']! : PRICE_TABLE.anthropic['claude-haiku-4-5']!;
}

describe('run --batch, through both SDKs', () => {
  it('writes every result once at the batch price, with no live call; failed and expired requests are provider_error, and --retry-errors sends the failed ones again', async () => {
    const failing = { on: true };
    server = await startFakeServer({ responder: failOnce(failing), batchProcessingMs: 30 });
    root = project(['이사 준비하기', '보고서 쓰기', '장보기', '할 일 FAILME', '[[batch: expire]] 청소하기']);
    const r = await runCli(['run', '--batch', '--targets', TARGETS, '--out', 'run'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    expect(live(server)).toHaveLength(0);
    expect(creates(server)).toBe(2);
    expect(r.stderr).toMatch(/batch reply-001-openai_gpt-4\.1-mini: submitted batch_\d+ \(5 requests to openai:gpt-4\.1-mini\)/);
    expect(r.stderr).toMatch(/\(batch_\d+, openai:gpt-4\.1-mini\): expired — 3 completed · 2 failed of 5/);
    expect(r.stderr).toMatch(/\(msgbatch_\d+, anthropic:claude-haiku-4-5\): ended — 3 succeeded · 1 errored · 1 expired · 0 canceled · 0 processing/);

    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(10);
    expect(new Set(results.map((x) => x.trialId)).size).toBe(10);
    for (const x of results) expect(x).toMatchObject({ batch: true, cached: false, attempts: 1, latencyMs: 0 });
    for (const x of results.filter((y) => y.outcome !== 'provider_error')) {
      expect(x.usage.inputTokens).toBeGreaterThan(0);
      expect(x.costUsd).toBeCloseTo(costOfUsage(price(x.target), x.usage, 'batch'), 12);
      expect(x.costUsd).toBeCloseTo(costOfUsage(price(x.target), x.usage, 'live') / 2, 12);
    }
    const errors = results.filter((x) => x.outcome === 'provider_error');
    expect(errors.map((x) => [x.target, x.caseId, x.error?.message]).sort()).toEqual([
      ['anthropic:claude-haiku-4-5', 'c3', 'batch: api_error: overloaded, try later'],
      ['anthropic:claude-haiku-4-5', 'c4', "batch: expired before it ran (the provider's 24 h window ended)"],
      ['openai:gpt-4.1-mini', 'c3', 'batch: HTTP 500: overloaded, try later'],
      ['openai:gpt-4.1-mini', 'c4', "batch: expired before it ran (the provider's 24 h window ended)"],
    ]);
    const state = readFileSync(join(root, 'run', 'batches', 'state.jsonl'), 'utf8');
    expect(state.indexOf('"kind":"submitted"')).toBeLessThan(state.indexOf('"kind":"read"'));
    const summary = readSummary(join(root, 'run'));
    expect(summary.complete).toBe(true);
    expect(summary.cells.map((c) => [c.target, c.batchCalls, c.latencyMs.p50])).toEqual([
      ['openai:gpt-4.1-mini', 5, null],
      ['anthropic:claude-haiku-4-5', 5, null],
    ]);

    failing.on = false;
    const retried = await runCli(['run', '--resume', 'run', '--retry-errors'], { cwd: root, env: fakeEnv(server) });
    expect(retried.code).toBe(0);
    expect(retried.stderr).toContain('6 of 10 calls already done, 4 to go (4 of them provider errors run again)');
    expect(creates(server)).toBe(4);
    expect(live(server)).toHaveLength(0);
    const after = readSummary(join(root, 'run'));
    expect(after.cells.map((c) => [c.calls, c.outcomes.provider_error])).toEqual([
      [5, 1],
      [5, 1],
    ]); // FAILME answered now; the expired request expired again
  });

  it('a run killed while its batches process, resumed, submits nothing new and completes; a later --offline run answers from the cache', async () => {
    server = await startFakeServer({ batchProcessingMs: 60_000 });
    root = project(['이사 준비하기', '보고서 쓰기', '장보기', '운동하기']);
    const env = { ...process.env, ...fakeEnv(server), NO_COLOR: '1' };
    const child = spawn(process.execPath, [bin, 'run', '--batch', '--targets', TARGETS, '--quiet', '--out', 'run'], { cwd: root, env, stdio: 'ignore' });
    const state = join(root, 'run', 'batches', 'state.jsonl');
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const text = existsSync(state) ? readFileSync(state, 'utf8') : '';
        if ((text.match(/"kind":"submitted"/g) ?? []).length === 2) {
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(poll);
        resolve();
      });
      child.on('error', reject);
    });
    expect(creates(server)).toBe(2);
    expect(readFileSync(join(root, 'run', 'results.jsonl'), 'utf8')).toBe('');

    server.setBatchProcessingMs(0);
    const resumed = await runCli(['run', '--resume', 'run', '--quiet'], { cwd: root, env: fakeEnv(server) });
    expect(resumed.code).toBe(0);
    expect(creates(server)).toBe(2);
    expect(live(server)).toHaveLength(0);
    const results = readResults(join(root, 'run'));
    expect(results).toHaveLength(8);
    expect(new Set(results.map((x) => x.trialId)).size).toBe(8);
    expect(readSummary(join(root, 'run')).complete).toBe(true);

    const before = server.requests.length;
    // No key: the cache answers; the base URLs are part of its keys, as they were for the batch.
    const offline = await runCli(['run', '--offline', '--targets', TARGETS, '--quiet', '--out', 'run2'], { cwd: root, env: { OPENAI_BASE_URL: server.openaiBaseURL, ANTHROPIC_BASE_URL: server.anthropicBaseURL } });
    expect(offline.code).toBe(0);
    expect(server.requests.length).toBe(before);
    const again = readResults(join(root, 'run2'));
    expect(again.every((x) => x.cached && x.outcome === 'answer')).toBe(true);
    expect(again.map((x) => x.raw).sort()).toEqual(results.map((x) => x.raw).sort());
  });

  it('Ctrl-C leaves the batches running and says how to resume; --resume --cancel cancels them and keeps the run whole', async () => {
    server = await startFakeServer({ batchProcessingMs: 60_000 });
    root = project(['이사 준비하기', '보고서 쓰기']);
    const stop = new AbortController();
    const watch = setInterval(() => {
      if (server.batches().length === 2) stop.abort();
    }, 5);
    const first = await runCli(['run', '--batch', '--targets', TARGETS, '--out', 'run'], { cwd: root, env: fakeEnv(server), stop: stop.signal });
    clearInterval(watch);
    expect(first.code).toBe(130);
    const ids = server.batches().map((b) => b.id);
    expect(first.stderr).toContain(`2 batch(es) keep running at the provider: ${ids[0]} (openai:gpt-4.1-mini), ${ids[1]} (anthropic:claude-haiku-4-5).`);
    expect(first.stderr).toContain('Collect their results later with: subtodo-eval run --resume run');
    expect(first.stderr).toContain('Cancel them with: subtodo-eval run --resume run --cancel');
    expect(readSummary(join(root, 'run')).complete).toBe(false);

    const cancelled = await runCli(['run', '--resume', 'run', '--cancel', '--quiet'], { cwd: root, env: fakeEnv(server) });
    expect(cancelled.code).toBe(0);
    expect(creates(server)).toBe(2);
    expect(server.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(2);
    const results = readResults(join(root, 'run'));
    expect(results.map((x) => [x.outcome, x.error?.message])).toEqual(Array(4).fill(['provider_error', 'batch: cancelled before it ran']));
  });

  it('sends the judge\'s calls as a second batch, at the batch price', async () => {
    // The judge grades every dimension 2 (good); its requests are told apart by their criteria.
    const judged: Responder = (req) => (req.systemText.includes('<criteria type=') ? { text: verdictText(gradedType(req.systemText), 2) } : defaultResponder(req));
    server = await startFakeServer({ responder: judged });
    root = project(['이사 준비하기', '보고서 쓰기'], ['judge: openai:gpt-4.1-nano', 'rubric:', '  criteria:', '    - { name: schema, weight: 1 }', '    - { name: judge, weight: 1, rubric: "하위 투두가 실행 가능한가?" }']);
    const r = await runCli(['run', '--batch', '--targets', 'openai:gpt-4.1-mini', '--out', 'run', '--quiet'], { cwd: root, env: fakeEnv(server) });
    expect(r.stderr).not.toMatch(/error|failed/i);
    expect(r.code).toBe(0);
    expect(creates(server)).toBe(2);
    expect(live(server)).toHaveLength(0);
    expect(server.batches().map((b) => b.total)).toEqual([2, 2]);
    const judgeBatch = server.requests.filter((q) => q.batchId !== undefined && q.systemText.includes('<criteria type='));
    expect(judgeBatch).toHaveLength(2);
    for (const x of readResults(join(root, 'run'))) {
      expect(x.judge?.verdict).toBe('pass');
      expect(x.scores['judge']?.score).toBe(1);
      expect(x.judgeUsage?.inputTokens).toBeGreaterThan(0);
      const reply = PRICE_TABLE.openai['gpt-4.1-mini']!;
      const judge = PRICE_TABLE.openai['gpt-4.1-nano']!;
      expect(x.costUsd).toBeCloseTo(costOfUsage(reply, x.usage, 'batch') + costOfUsage(judge, x.judgeUsage!, 'batch'), 12);
    }
  });

  it('sends every judge sample of a reply (judge repeat 3) and reduces them as a live run would', async () => {
    const judged: Responder = (req) => (req.systemText.includes('<criteria type=') ? { text: verdictText(gradedType(req.systemText), 2) } : defaultResponder(req));
    server = await startFakeServer({ responder: judged });
    root = project(['이사 준비하기'], ['judge: { target: openai:gpt-4.1-nano, repeat: 3 }', 'rubric:', '  criteria:', '    - { name: schema, weight: 1 }', '    - { name: judge, weight: 1 }']);
    const r = await runCli(['run', '--batch', '--targets', 'openai:gpt-4.1-mini', '--out', 'run', '--quiet'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(0);
    expect(server.batches().map((b) => b.total)).toEqual([1, 3]);
    const [x] = readResults(join(root, 'run'));
    expect(x?.judge).toMatchObject({ verdict: 'pass', failedSamples: 0 });
    expect(x?.judgeUsage?.inputTokens).toBeGreaterThan(0);
  });

  it('refuses a target with no batch API before anything is sent, and the simulated model', async () => {
    server = await startFakeServer();
    const local = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found"}}');
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const port = (local.address() as AddressInfo).port;
      root = project(['이사 준비하기'], ['targets:', `  - { id: local, provider: openai, model: qwen2.5, baseURL: "http://127.0.0.1:${port}/v1" }`]);
      const r = await runCli(['run', '--batch', '--out', 'run'], { cwd: root, env: {} });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^target local \\(http://127\\.0\\.0\\.1:${port}/v1\\): no batch API there \\(GET .*/batches failed: .*404.*\\); only OpenAI's and Anthropic's own APIs have one: run it without --batch\\n$`));
      expect(existsSync(join(root, 'run'))).toBe(false);
      const mock = await runCli(['run', '--batch', '--targets', 'mock', '--out', 'run'], { cwd: root, env: {} });
      expect(mock.code).toBe(2);
      expect(mock.stderr).toMatch(/^mock: the simulated model has no batch API/);
    } finally {
      await new Promise((resolve) => local.close(resolve));
    }
  });
});
