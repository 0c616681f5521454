import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLines } from '../../src/results/read-lines.ts';
import { openResultsWriter, parseResultLine, readResults, toResultLine, type RunScope, type TrialResult } from '../../src/results/index.ts';
import { makeResult } from '../report/fixtures.ts';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ste-results-'));
  path = join(dir, 'results.jsonl');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SCOPE: RunScope = { runId: 'run-1', variants: ['seed-xml'], targets: ['mock'] };

function line(overrides: Partial<TrialResult> & Record<string, unknown>): string {
  return `${JSON.stringify(makeResult(overrides))}\n`;
}

async function readAll(scope: RunScope = SCOPE): Promise<{ results: TrialResult[]; tally: Awaited<ReturnType<typeof readResults>> }> {
  const results: TrialResult[] = [];
  const tally = await readResults(path, scope, (r) => results.push(r));
  return { results, tally };
}

describe('readResults', () => {
  it('hands over valid lines and counts, by line number, every line the writer could not have written', async () => {
    writeFileSync(
      path,
      [
        line({ trialId: 't1' }),
        `${JSON.stringify({ ...makeResult({ trialId: 't2' }), error: { message: 42 } })}\n`,
        'not json\n',
        '\n',
        line({ trialId: 't3', costUsd: -1000 }),
        line({ trialId: 't4', usage: { inputTokens: 1e300, outputTokens: 1 } }),
        `${JSON.stringify({ ...makeResult({ trialId: 't5' }), reply: { type: 'answer', items: 'not a list' } })}\n`,
        line({ trialId: 't6' }),
        '{"trialId": "t7", "runId": "run-1"', // torn by a kill: no newline, half a line
      ].join(''),
    );
    const { results, tally } = await readAll();
    expect(results.map((r) => r.trialId)).toEqual(['t1', 't6']);
    expect(tally).toMatchObject({ results: 2, unreadable: 6, unreadableLines: [2, 3, 5, 6, 7], foreign: 0, superseded: 0 });
  });

  it('ignores, with a count, lines of another run, variant, target or trial', async () => {
    writeFileSync(
      path,
      [
        line({ trialId: 't1' }),
        line({ trialId: 't2', runId: 'other-run' }),
        line({ trialId: 't3', variant: 'unknown-variant' }),
        line({ trialId: 't4', target: 'openai:other' }),
        line({ trialId: 't5' }),
      ].join(''),
    );
    expect((await readAll()).tally).toMatchObject({ results: 2, foreign: 3 });
    const onlyT5 = await readAll({ ...SCOPE, trialIds: new Set(['t5']) });
    expect(onlyT5.results.map((r) => r.trialId)).toEqual(['t5']);
    expect(onlyT5.tally.foreign).toBe(4);
  });

  it('takes the newest line of a trial written twice (a provider error run again)', async () => {
    writeFileSync(path, [line({ trialId: 't1', outcome: 'provider_error', score: null, pass: null }), line({ trialId: 't2' }), line({ trialId: 't1', score: 0.5 })].join(''));
    const { results, tally } = await readAll();
    expect(results.map((r) => [r.trialId, r.outcome, r.score])).toEqual([
      ['t2', 'answer', 1],
      ['t1', 'answer', 0.5],
    ]);
    expect(tally).toMatchObject({ results: 2, superseded: 1 });
  });

  it('reads lines of older versions, which lack the fields added since', async () => {
    const { input: _input, ...old } = makeResult({ trialId: 'old' });
    writeFileSync(path, `${JSON.stringify(old)}\n`);
    const { results } = await readAll();
    expect(results).toHaveLength(1);
    expect(results[0]?.input).toBe('');
  });

  it('keeps fields it does not know (a newer version wrote them)', () => {
    const parsed = parseResultLine(JSON.stringify({ ...makeResult(), futureField: { a: 1 } }));
    expect(parsed.ok && (parsed.result as unknown as Record<string, unknown>)['futureField']).toEqual({ a: 1 });
  });
});

describe('readLines', () => {
  it('skips a line longer than the limit without gathering it, and keeps counting lines and offsets', async () => {
    writeFileSync(path, `a\n${'x'.repeat(5000)}\r\nb`);
    const lines = [];
    for await (const l of readLines(path, 1000)) lines.push(l);
    expect(lines).toEqual([
      { lineNo: 1, offset: 0, bytes: 1, text: 'a' },
      { lineNo: 2, offset: 2, bytes: 5001, text: undefined },
      { lineNo: 3, offset: 5004, bytes: 1, text: 'b' },
    ]);
  });
});

describe('the writer', () => {
  it('bounds usage, cost and latency a provider got wrong, so the line reads back and sums stay finite', async () => {
    const writer = await openResultsWriter(path);
    const written = await writer.append(
      makeResult({ trialId: 'w', usage: { inputTokens: -5, outputTokens: 1e300 }, judgeUsage: { inputTokens: Number.NaN, outputTokens: 3 }, costUsd: -1000, latencyMs: Number.POSITIVE_INFINITY }),
    );
    await writer.append(makeResult({ trialId: 'ok', costUsd: 0.002 }));
    await writer.close();
    expect(written).toMatchObject({ usage: { inputTokens: 0, outputTokens: 0 }, judgeUsage: { inputTokens: 0, outputTokens: 3 }, costUsd: null, latencyMs: 0 });
    const { results, tally } = await readAll();
    expect(tally.unreadable).toBe(0);
    expect(results.map((r) => [r.trialId, r.costUsd])).toEqual([
      ['w', null],
      ['ok', 0.002],
    ]);
  });

  it('refuses to write a line its own readers would refuse', () => {
    expect(() => toResultLine(makeResult({ score: 2 }))).toThrow(/refusing to write/);
  });

  it('appends whole lines after what is there', async () => {
    appendFileSync(path, line({ trialId: 'before' }));
    const writer = await openResultsWriter(path);
    await writer.append(makeResult({ trialId: 'after' }));
    await writer.close();
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});
