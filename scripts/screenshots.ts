// npm run screenshots -- <runDir> [outDir]
// Opens <runDir>/report.html from disk in headless Chromium and saves the README's screenshots:
// the ranking, the comparison matrix and a case view (default outDir: docs/screenshots).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.ts';

const [runDir, outArg] = process.argv.slice(2);
if (runDir === undefined) {
  console.error('usage: npm run screenshots -- <runDir> [outDir]');
  process.exit(2);
}
const out = resolve(outArg ?? 'docs/screenshots');
mkdirSync(out, { recursive: true });
const { browser, close } = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  const url = pathToFileURL(resolve(runDir, 'report.html')).href;
  await page.goto(url);
  await page.locator('#ranking').screenshot({ path: resolve(out, 'ranking.png') });
  await page.locator('#comparisons').screenshot({ path: resolve(out, 'matrix.png') });
  await page.locator('#criteria').screenshot({ path: resolve(out, 'criteria.png') });
  await page.goto(`${url}#cases`);
  await page.screenshot({ path: resolve(out, 'cases.png') });
  // The first case that failed somewhere: the one a reader would open.
  const failing = page.locator('tr.case-row:has(.chip.fail)').first();
  await ((await failing.count()) > 0 ? failing : page.locator('tr.case-row').first()).click();
  await page.locator('.case-view').screenshot({ path: resolve(out, 'case.png') });
  console.log(`wrote ranking.png, matrix.png, criteria.png, cases.png, case.png to ${out}`);
} finally {
  await close();
}
