import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, type LaunchedBrowser } from '../../scripts/chromium.ts';
import { defaultResponder } from '../fake-server/default-responder.ts';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, makeProject, readResults, readSummary, removeProject, runCli, VARIANTS } from '../e2e/e2e-support.ts';
import { artifact, HOSTILE_RAW, watchPage, type Watch } from './browser-support.ts';

const CASES = [
  '- id: hostile',
  '  input: "이번 주 보고서 [hostile]"',
  '  expect: { type: answer }',
  '  tags: [work, injection]',
  '- id: groceries',
  '  input: 장보기 목록 만들기',
  '  expect: { type: answer }',
  '  tags: [home]',
  '- id: vague',
  '  input: "그거 [[reply: question]]"',
  '  expect: { type: question }',
  '  tags: [ambiguous, work]',
  '- id: broken',
  '  input: "뭔가 [[reply: format_error]]"',
  '  expect: { type: answer }',
  '  tags: [home]',
  '- id: refuse',
  '  input: "파이썬 스크립트 [[reply: invalid]]"',
  '  expect: { type: invalid }',
  '  tags: [injection]',
  '',
].join('\n');

let server: FakeServer;
let root: string;
let browser: LaunchedBrowser;
let page: Page;
let watch: Watch;
let url: string;

beforeAll(async () => {
  server = await startFakeServer({ responder: (req) => (req.lastUserText.includes('[hostile]') ? { text: HOSTILE_RAW } : defaultResponder(req)) });
  root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': CASES });
  // Two targets, so the report has variant matrices per target and target matrices per variant.
  const run = await runCli(['run', '--targets', 'openai:fake-a,anthropic:fake-b', '--quiet', '--out', 'run'], { cwd: root, env: fakeEnv(server) });
  expect(run.code).toBe(0);
  browser = await launchChromium();
  page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 } });
  watch = watchPage(page);
  url = pathToFileURL(join(root, 'run', 'report.html')).href;
  await page.goto(url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) removeProject(root);
});

describe.runIf(hasChromium())('report.html in Chromium, opened from disk', () => {
  it('draws the ranking chart with a dot per cell and the comparison matrices with two squares per comparison', async () => {
    const summary = readSummary(join(root, 'run'));
    expect(summary.cells).toHaveLength(4);
    await expect(page.locator('[data-chart=ranking] g.ranking-score circle').count()).resolves.toBe(summary.cells.filter((c) => c.meanScore !== null).length);
    // One matrix per target (2 variants) and per variant (2 targets): each comparison fills both of its squares.
    const matrices = page.locator('[data-chart^=comparisons-]');
    await expect(matrices.count()).resolves.toBe(4);
    await expect(page.locator('[data-chart^=comparisons-] g.matrix-cell rect').count()).resolves.toBe(2 * summary.comparisons.length);
    await expect(page.locator('[data-chart=criteria] g.criteria-cell rect').count()).resolves.toBe(4 * Object.keys(readResults(join(root, 'run'))[0]?.scores ?? {}).length);
    await expect(page.locator('[data-chart=confusion] .small').count()).resolves.toBe(4);
    await expect(page.locator('[data-banner=simulated]').count()).resolves.toBe(0);
    // Under the table, what the order rests on: the same sentence report.md has.
    const order = await page.locator('#ranking .ranking-order').textContent();
    expect(order).toMatch(/^The order is by mean score\. /);
    expect(readFileSync(join(root, 'run', 'report.md'), 'utf8')).toContain(order ?? '(none)');
    await page.locator('#ranking').screenshot({ path: artifact('report-ranking.png') });
    await page.locator('#comparisons').screenshot({ path: artifact('report-matrix.png') });
  });

  it('filtering to one tag shows exactly the cases with that tag', async () => {
    await page.goto(`${url}#cases`);
    const all = [...new Set(readResults(join(root, 'run')).map((r) => r.caseId))].sort();
    await expect(rowIds(page)).resolves.toEqual(all);
    for (const tag of ['work', 'home', 'injection']) {
      await page.selectOption('select[data-filter=tag]', tag);
      const expected = [...new Set(readResults(join(root, 'run')).filter((r) => r.tags.includes(tag)).map((r) => r.caseId))].sort();
      await expect(rowIds(page)).resolves.toEqual(expected);
    }
    await page.selectOption('select[data-filter=tag]', '');
    await page.selectOption('select[data-filter=outcome]', 'format_error');
    await expect(rowIds(page)).resolves.toEqual(['broken']);
    await page.selectOption('select[data-filter=outcome]', '');
    await page.fill('input[data-filter=text]', '장보기');
    await expect(rowIds(page)).resolves.toEqual(['groceries']);
    await page.fill('input[data-filter=text]', '');
    await page.screenshot({ path: artifact('report-cases.png') });
  });

  it('a case shows every variant’s reply on every target, with a word diff and the messages sent', async () => {
    await page.goto(`${url}#case/groceries`);
    const cards = page.locator('.reply-card');
    await expect(cards.count()).resolves.toBe(4);
    const shown = await cards.evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-variant')} @ ${n.getAttribute('data-target')}`).sort());
    expect(shown).toEqual(['json-shots @ anthropic:fake-b', 'json-shots @ openai:fake-a', 'plain @ anthropic:fake-b', 'plain @ openai:fake-a']);
    await expect(page.locator('pre[data-diff]').count()).resolves.toBe(1);
    await page.locator('.reply-card details summary', { hasText: 'Messages sent' }).first().click();
    // Exactly what `render` prints for that variant and case.
    const variant = (await cards.first().getAttribute('data-variant')) ?? '';
    const rendered = await runCli(['render', variant, 'groceries'], { cwd: root });
    const sent = await page.locator('.reply-card').first().locator('.messages pre').allTextContents();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const text of sent) expect(rendered.stdout).toContain(text);
    expect(sent.at(-1)).toContain('장보기 목록 만들기');
    await page.locator('.case-view').screenshot({ path: artifact('report-case.png') });
  });

  it('a hostile reply shows as text and runs nothing: no dialog, no request, no element made from it', async () => {
    await page.goto(`${url}#case/hostile`);
    for (const summary of await page.locator('.reply-card details summary').all()) await summary.click();
    const text = await page.locator('.case-view').innerText();
    expect(text).toContain('<script>window.__pwned = 1');
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain('⟨U+202E⟩gnp.exe');
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    // The page's own two script elements (the data and the code) and nothing else of the kind.
    await expect(page.locator('script').count()).resolves.toBe(2);
    await expect(page.locator('img, iframe, link, svg[onload], b, a[href]').count()).resolves.toBe(0);
    await expect(page.locator('[onerror], [onload], [onmouseover]').count()).resolves.toBe(0);
    await page.locator('.case-view').screenshot({ path: artifact('report-hostile.png') });
  });

  it('made no request outside the file, showed no dialog and threw no error', () => {
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.requests.filter((r) => !r.startsWith(url.split('#')[0] ?? url))).toEqual([]);
  });

  it('is one file: its data and code inline, the Content-Security-Policy forbidding every request', () => {
    const html = readFileSync(join(root, 'run', 'report.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).not.toContain('<script>window.__pwned');
  });
});

async function rowIds(p: Page): Promise<string[]> {
  return (await p.locator('tr.case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id') ?? ''))).sort();
}
