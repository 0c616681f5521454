// Which file the CLI starts from; shared by bin/subtodo-eval.js and the benchmarks, so both start
// the tool the same way.
import { existsSync, readFileSync, statSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const at = (path, root = ROOT) => new URL(path, root);

/**
 * An installed package runs its compiled dist/. A checkout runs the bundle `npm install` built
 * (scripts/build-cli.ts) while it is fresh, every source it was built from unchanged, and src/
 * itself otherwise, so an edit is never hidden by a stale bundle. SUBTODO_EVAL_FROM_SOURCE=1
 * always runs src/.
 */
export function cliEntry() {
  if (!existsSync(at('src/cli/main.ts'))) return at('dist/cli/main.js');
  if (process.env['SUBTODO_EVAL_FROM_SOURCE'] !== '1' && bundleIsFresh()) return at('dist/bundle/main.js');
  return at('src/cli/main.ts');
}

/** @param {URL} root the package folder (a URL ending in /) */
export function bundleIsFresh(root = ROOT) {
  try {
    const { inputs } = JSON.parse(readFileSync(at('dist/bundle/inputs.json', root), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    return inputs.every(({ path, size, mtimeMs }) => {
      const stat = statSync(at(path, root), { throwIfNoEntry: false });
      return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}
