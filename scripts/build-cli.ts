// npm run build:cli (run by `npm install` as `prepare`): bundles src/ into dist/bundle/ with
// esbuild, so a checkout starts from a few files instead of ~280 modules (about 0.15 s less for a
// `run`). bin/cli-entry.js uses the bundle only while every source it was built from is unchanged
// (size and modification time, listed in dist/bundle/inputs.json); after any edit the tool runs
// from src/ again until the next build. Packages stay outside the bundle, loaded from node_modules.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { packageRoot } from '../src/package-root.ts';

const root = packageRoot();
const out = join(root, 'dist', 'bundle');
const building = `${out}.building-${process.pid}`;
rmSync(building, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  outdir: building,
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs)
  .sort()
  .map((path) => {
    const stat = statSync(join(root, path));
    return { path, size: stat.size, mtimeMs: stat.mtimeMs };
  });
// Listed last, so a build cut short is never taken for a whole one.
writeFileSync(join(building, 'inputs.json'), JSON.stringify({ inputs }));
mkdirSync(join(root, 'dist'), { recursive: true });
rmSync(out, { recursive: true, force: true });
renameSync(building, out);
console.log(`wrote dist/bundle/ (${Object.keys(result.metafile.outputs).length} files from ${inputs.length} sources)`);
