import { describe, expect, it } from 'vitest';

// The HTML page re-exports the report's number formats, and its bundle is built without a type check:
// a format removed or renamed in src/report would only show as a broken page in a browser. (The page
// is DOM code outside this project's type check, hence the import by path at run time.)
const PAGE_FORMATS = '../../src/view/page/format.ts';

describe('the number formats the HTML page takes from the report', () => {
  it('are all there and print what the report prints', async () => {
    const formats = (await import(PAGE_FORMATS)) as Record<string, unknown>;
    for (const name of ['formatCost', 'formatMs', 'formatPercent', 'formatPercentCi', 'formatScore', 'formatDiff', 'formatP', 'halfWidth']) {
      expect(typeof formats[name], name).toBe('function');
    }
    const formatDiff = formats['formatDiff'] as (value: number, half: number) => string;
    expect(formatDiff(0.07, 0.0004)).toBe('0.0700 ± 0.0004');
  });
});
