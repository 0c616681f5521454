import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasChromium, launchChromium, type LaunchedBrowser } from '../../scripts/chromium.ts';
import { LabeledFileSchema } from '../../src/calibrate/labeled-schema.ts';
import type { CliIO } from '../../src/cli/cli-io.ts';
import { main } from '../../src/cli/main.ts';
import { CONFIG, makeProject, readResults, removeProject, runCli, VARIANTS } from '../e2e/e2e-support.ts';
import { artifact, watchPage, type Watch } from './browser-support.ts';

const CASES = [
  '- id: groceries',
  '  input: 장보기 목록 만들기',
  '  expect: { type: answer, mentions: [장보기] }',
  '  tags: [home]',
  '- id: report',
  '  input: 금요일까지 보고서 제출하기',
  '  expect: { type: answer }',
  '  tags: [work]',
  '- id: script',
  '  input: 파이썬 스크립트 짜줘',
  '  expect: { type: invalid }',
  '  tags: [not-todo]',
  '',
].join('\n');

let root: string;
let browser: LaunchedBrowser;
let page: Page;
let watch: Watch;
let base: string;
const stop = new AbortController();
let viewer: Promise<number>;

beforeAll(async () => {
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
  for (const [out, variants] of [['reports/a-first', 'plain'], ['reports/b-second', 'plain,json-shots']] as const) {
    const run = await runCli(['run', '--variants', variants, '--quiet', '--out', out], { cwd: root });
    expect(run.code).toBe(0);
  }
  // A run under way: its plan and half its results, no summary yet.
  const live = join(root, 'reports', 'c-live');
  mkdirSync(live, { recursive: true });
  cpSync(join(root, 'reports', 'b-second', 'run.json'), join(live, 'run.json'));
  const lines = readFileSync(join(root, 'reports', 'b-second', 'results.jsonl'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(live, 'results.jsonl'), `${lines.slice(0, 3).join('\n')}\n`);
  const runJson = JSON.parse(readFileSync(join(live, 'run.json'), 'utf8')) as { startedAt: string };
  writeFileSync(join(live, 'run.json'), JSON.stringify({ ...runJson, startedAt: new Date(Date.now() + 60_000).toISOString() }));

  let stdout = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => {}, env: {}, cwd: root, stderrIsTTY: false, stdoutIsTTY: false, now: () => new Date(), stop: stop.signal };
  viewer = main(['view', 'reports'], io);
  for (let i = 0; i < 100 && !stdout.includes('http://'); i++) await new Promise((r) => setTimeout(r, 50));
  base = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0] ?? '';
  expect(base).not.toBe('');
  browser = await launchChromium();
  page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 } });
  watch = watchPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  stop.abort();
  await viewer;
  if (root) removeProject(root);
});

describe.runIf(hasChromium())('subtodo-eval view in Chromium, over 127.0.0.1', () => {
  it('lists the runs, newest first, with variants and gate', async () => {
    await page.goto(base);
    await page.waitForSelector('tr[data-run-row]');
    const rows = await page.locator('tr[data-run-row]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-row')));
    expect(rows).toEqual(['c-live', 'b-second', 'a-first']);
    await expect(page.locator('tr[data-run-row=b-second]').innerText()).resolves.toMatch(/json-shots, plain|plain, json-shots/);
    await page.screenshot({ path: artifact('viewer-runs.png') });
  });

  it('opens a run as report.html shows it', async () => {
    await page.locator('a[data-run=b-second]').click();
    await page.waitForSelector('[data-chart=ranking]');
    await expect(page.locator('[data-chart=ranking] g.ranking-score circle').count()).resolves.toBe(2);
    await expect(page.locator('[data-chart^=comparisons-] g.matrix-cell rect').count()).resolves.toBe(2);
    await expect(page.locator('[data-banner=simulated]').count()).resolves.toBe(1);
  });

  it('compares two runs: the cells both have, and the cells only one has', async () => {
    await page.goto(base);
    await page.locator('input[data-pick=a-first]').check();
    await page.locator('input[data-pick=b-second]').check();
    await page.locator('button[data-compare]').click();
    await page.waitForSelector('tr[data-compare-cell]');
    const cells = await page.locator('tr[data-compare-cell]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-compare-cell')));
    expect(cells).toEqual(['plain @ mock']);
    await expect(page.locator('.compare').innerText()).resolves.toContain('Only in B: json-shots @ mock');
    await page.screenshot({ path: artifact('viewer-compare.png') });
  });

  it('marking a reply fail with a note writes the labeled set calibrate reads', async () => {
    await page.goto(`${base}#/run/b-second/case/groceries`);
    const card = page.locator('.reply-card[data-variant=plain]');
    await card.locator('select[data-mark-mode]').selectOption('generic');
    await card.locator('input[data-mark-note]').fill('너무 일반적');
    await card.locator('button[data-mark=fail]').click();
    await card.locator('.mark-status', { hasText: /marked fail · saved to cases\/labeled\/marks\.yaml/ }).waitFor();
    const file = LabeledFileSchema.parse(parse(readFileSync(join(root, 'cases', 'labeled', 'marks.yaml'), 'utf8')));
    const result = readResults(join(root, 'reports', 'b-second')).find((r) => r.caseId === 'groceries' && r.variant === 'plain');
    expect(file).toHaveLength(1);
    expect(file[0]).toMatchObject({ id: 'groceries--plain--mock--r0', input: '장보기 목록 만들기', expect: { type: 'answer', mentions: ['장보기'] }, raw: result?.raw, variant: 'plain', human: { verdict: 'fail', mode: 'generic', note: '너무 일반적' } });
    // Marking again replaces the mark; the page shows it after a reload.
    await card.locator('button[data-mark=pass]').click();
    await card.locator('.mark-status', { hasText: /marked pass/ }).waitFor();
    const again = LabeledFileSchema.parse(parse(readFileSync(join(root, 'cases', 'labeled', 'marks.yaml'), 'utf8')));
    expect(again.map((e) => [e.id, e.human.verdict])).toEqual([['groceries--plain--mock--r0', 'pass']]);
    await page.locator('.case-view').screenshot({ path: artifact('viewer-mark.png') });
    // calibrate reads the mark with the rest of the labeled set.
    const calibrate = await runCli(['calibrate', '--json'], { cwd: root });
    expect(calibrate.stderr).toBe('');
    expect(calibrate.code).toBe(0);
    const calibration = JSON.parse(calibrate.stdout) as { labeledFiles: string[]; all: { n: number; confusion: Record<string, number> } };
    expect(calibration.labeledFiles).toEqual(['cases/labeled/marks.yaml']);
    expect(calibration.all.n).toBe(1);
    // The mark is the human's pass, whatever the rubric made of the reply.
    expect((calibration.all.confusion['humanPassMachinePass'] ?? 0) + (calibration.all.confusion['humanPassMachineFail'] ?? 0)).toBe(1);
  });

  it('updates a running run’s page as results arrive', async () => {
    await page.goto(`${base}#/run/c-live/`);
    await page.waitForSelector('[data-live]');
    await expect(page.locator('.run-header .facts').innerText()).resolves.toContain('3 of 6 calls');
    const lines = readFileSync(join(root, 'reports', 'b-second', 'results.jsonl'), 'utf8').trimEnd().split('\n');
    appendFileSync(join(root, 'reports', 'c-live', 'results.jsonl'), `${lines.slice(3).join('\n')}\n`);
    await page.locator('.run-header .facts', { hasText: /· 6 calls/ }).waitFor({ timeout: 10_000 });
    await page.locator('[data-live]').waitFor({ state: 'detached' });
  });

  it('asked only 127.0.0.1 for anything, showed no dialog and threw no error', () => {
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.requests.filter((r) => !r.startsWith(base))).toEqual([]);
  });

  it('answers only requests addressed to 127.0.0.1, and marks only as JSON from its own page', async () => {
    const port = new URL(base).port;
    // fetch() will not send a Host header of its own choosing; node:http will, as a rebinding page's browser would.
    const foreign = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(port), path: '/api/runs', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(foreign).toBe(421);
    const form = await fetch(`${base}api/runs/b-second/marks`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const cross = await fetch(`${base}api/runs/b-second/marks`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    const escape = await fetch(`${base}api/runs/..%2F..%2Fetc/model`);
    expect(escape.status).toBe(404);
  });
});
