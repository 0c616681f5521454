#!/usr/bin/env node
// Runs the TypeScript sources directly (Node >= 22.18 strips types natively) in a checkout,
// and the compiled dist/ when installed from a package, where src/ is not shipped.
import { existsSync } from 'node:fs';
import module from 'node:module';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `subtodo-eval needs Node >= 22.18 (this is ${process.version}). ` +
      'Run it through npm (npx subtodo-eval …) so the project-local Node 24 is used.\n',
  );
  process.exit(2);
}
// Caches compiled code between runs (in the OS temp folder): start-up is most of a short command.
module.enableCompileCache?.();
const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
const entry = fromSource ? '../src/cli/main.ts' : '../dist/cli/main.js';
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
