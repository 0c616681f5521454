import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAnswerText } from '../fake-server/default-responder.ts';
import { scriptedResponder, startFakeServer, type FakeReply, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, makeProject, readResults, readSummary, removeProject, runCli, VARIANTS } from './e2e-support.ts';

const CHILD = fileURLToPath(new URL('./reply-bomb-child.ts', import.meta.url));
const MiB = 1024 * 1024;

let server: FakeServer | undefined;
let root: string | undefined;
afterEach(async () => {
  await server?.close();
  if (root) removeProject(root);
  server = undefined;
  root = undefined;
});

/** Runs one case through `provider` against a fake server that gives `reply` to every request. */
async function runAgainst(reply: FakeReply | (() => FakeReply), options: { provider?: 'openai' | 'anthropic'; target?: string } = {}) {
  server = await startFakeServer({ responder: scriptedResponder([], typeof reply === 'function' ? reply() : reply) });
  if (typeof reply === 'function') server.setResponder(() => reply());
  const provider = options.provider ?? 'openai';
  const target = `  - { provider: ${provider}, model: fake-model${options.target ?? ''} }`;
  root = makeProject({ 'subtodo-eval.yaml': `${CONFIG}targets:\n${target}\n`, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: "장보기", expect: { type: answer } }\n' });
  const env = provider === 'openai' ? { OPENAI_API_KEY: 'sk-test-hostile-0000', OPENAI_BASE_URL: server.openaiBaseURL } : { ANTHROPIC_API_KEY: 'sk-test-hostile-0000', ANTHROPIC_BASE_URL: server.anthropicBaseURL };
  const run = await runCli(['run', '--variants', 'plain', '--quiet', '--no-cache', '--out', 'run'], { cwd: root, env });
  return { run, results: readResults(join(root, 'run')), lines: readFileSync(join(root, 'run', 'results.jsonl'), 'utf8').split('\n').filter(Boolean) };
}

describe('a reply too large to read', () => {
  it.each(['gzip', 'deflate', 'br'])('a %s bomb (a small body that inflates to 64 MiB–1 GiB) is refused while inflating, with peak RSS under 300 MB', (kind) => {
    const child = spawnSync(process.execPath, [CHILD, kind], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout.trim()) as { ok: boolean; message: string; retryable: boolean; peakRssMb: number };
    expect(out.ok).toBe(false);
    expect(out.message).toBe("the reply was refused: its decoded body is over 8 MiB (the target's maxReplyBytes)");
    expect(out.retryable).toBe(false);
    expect(out.peakRssMb).toBeLessThan(300);
  });

  it('an endless plain body is cut at the cap and its connection closed: the server sends little more than the cap', () => {
    const child = spawnSync(process.execPath, [CHILD, 'plain'], { encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(child.stdout.trim()) as { ok: boolean; message: string; retryable: boolean; sentBytes: number; clientClosed: boolean; peakRssMb: number };
    expect(out).toMatchObject({ ok: false, message: "the reply was refused: its body is over 8 MiB (the target's maxReplyBytes)", retryable: false, clientClosed: true });
    // Socket buffers on both sides hold a few MiB; the server never got near the 600 MB it offered.
    expect(out.sentBytes).toBeLessThan(64 * MiB);
    expect(out.peakRssMb).toBeLessThan(300);
  });

  it('a declared Content-Length over the cap is refused before reading, once, with no retry, and the run says why', async () => {
    const sent = { bytes: 0, clientClosed: false };
    const { run, results } = await runAgainst(() => ({ fault: 'raw', status: 200, headers: { 'content-type': 'application/json', 'content-length': String(2 * MiB) }, sent, body: () => endless() }), {
      target: ', maxReplyBytes: 1048576',
    });
    expect(run.code).not.toBe(0);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ outcome: 'provider_error', attempts: 1, error: { message: "the reply was refused: its body is over 1 MiB (the target's maxReplyBytes)" } });
    expect(server!.requests).toHaveLength(1);
    // Refused on the headers: the connection closed while the server was still writing.
    expect(sent.clientClosed).toBe(true);
    expect(sent.bytes).toBeLessThan(8 * MiB);
  });
});

function* endless(): Iterable<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  for (;;) yield chunk;
}

describe('error text from the provider', () => {
  it.each(['openai', 'anthropic'] as const)('a 5 MB error body (%s) becomes a short results line and a short stderr line', async (provider) => {
    const body = `<html>${'x'.repeat(5 * MiB)}</html>`;
    const { run, lines, results } = await runAgainst({ fault: 'status', status: 500, body }, { provider, target: ', maxRetries: 0' });
    expect(results[0]?.outcome).toBe('provider_error');
    expect(results[0]?.error?.message).toMatch(/^HTTP 500.*… \(cut: \d+ characters in all\)$/s);
    for (const line of lines) expect(line.length).toBeLessThan(10_000);
    for (const line of run.stderr.split('\n')) expect(line.length).toBeLessThan(10_000);
    expect(run.stderr).toContain('every call failed');
  });
});

describe('clear messages', () => {
  it.each(['openai', 'anthropic'] as const)('a web page answered with 200 (%s) says the server answered HTML, not the API, and is not retried', async (provider) => {
    const page = '<!doctype html><html><head><title>Sign in</title></head><body>Please log in</body></html>';
    const { results } = await runAgainst({ fault: 'raw', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page }, { provider });
    expect(results[0]).toMatchObject({ outcome: 'provider_error', attempts: 1 });
    expect(results[0]?.error?.message).toBe(
      `the server at ${provider === 'openai' ? server!.openaiBaseURL : server!.anthropicBaseURL} answered 200 with a web page (HTML) starting ${JSON.stringify(page.slice(0, 80))}, not the API's JSON: check the target's baseURL`,
    );
  });

  it.each(['openai', 'anthropic'] as const)('a refused connection (%s) says which URL could not be reached', async (provider) => {
    server = await startFakeServer();
    const closed = provider === 'openai' ? server.openaiBaseURL : server.anthropicBaseURL;
    await server.close();
    server = undefined;
    root = makeProject({ 'subtodo-eval.yaml': `${CONFIG}targets:\n  - { provider: ${provider}, model: fake-model, maxRetries: 0, baseURL: "${closed}" }\n`, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: "장보기", expect: { type: answer } }\n' });
    const run = await runCli(['run', '--variants', 'plain', '--quiet', '--no-cache', '--out', 'run'], { cwd: root, env: {} });
    const [result] = readResults(join(root, 'run'));
    expect(result?.error?.message).toBe(`could not reach ${closed}: nothing is listening there; is the server running, and is baseURL right? (ECONNREFUSED)`);
    expect(run.stderr).toContain(`could not reach ${closed}`);
  });

  it.each(['openai', 'anthropic'] as const)('negative and absurd token counts from a provider (%s) are not reported: the summary stays sane', async (provider) => {
    const { results } = await runAgainst({ text: buildAnswerText('장보기'), usage: { input: -5, output: 1e300 } }, { provider, target: ', price: { inputPerMTok: 1, outputPerMTok: 1 }' });
    expect(results[0]).toMatchObject({ outcome: 'answer', usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 });
    const summary = readSummary(join(root!, 'run'));
    expect(JSON.stringify(summary)).not.toMatch(/e\+|Infinity|null,"costUsd":-/);
    expect(summary.cells[0]?.costUsd).toBe(0);
  });

  it('apiKeyEnv naming a variable that is not a key (HOME) is refused before any call', async () => {
    server = await startFakeServer();
    root = makeProject({ 'subtodo-eval.yaml': `${CONFIG}targets:\n  - { provider: openai, model: m, apiKeyEnv: HOME, baseURL: "${server.openaiBaseURL}" }\n`, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: "장보기", expect: { type: answer } }\n' });
    for (const command of ['validate', 'run']) {
      const run = await runCli([command], { cwd: root, env: { HOME: '/home/someone' } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('apiKeyEnv: must name a variable that holds a key: its name contains KEY, TOKEN or SECRET');
      expect(run.stderr).not.toContain('/home/someone');
    }
    expect(server.requests).toHaveLength(0);
  });
});
