import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * The folder holding this package's package.json, wherever the code runs from: src/ in a
 * checkout, the start-up bundle in dist/bundle/, or the compiled dist/ of an installed package.
 * Files the tool ships (the judge's rubric, the page's sources, its version) are found from here,
 * never by counting folders up from a module.
 */
export function packageRoot(): string {
  if (found !== undefined) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'subtodo-eval') return (found = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('subtodo-eval package root not found');
    dir = parent;
  }
}
