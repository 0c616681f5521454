#!/usr/bin/env node
// Runs the TypeScript sources (Node >= 22.18 strips types natively) in a checkout, or the bundle
// of them `npm install` builds while it is fresh, and the compiled dist/ when installed from a
// package, where src/ is not shipped (see bin/cli-entry.js).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  // An older `node` (the machine's own, or a global link) hands over to the Node 24 the project
  // installs as a dev dependency, so the tool runs the same however it is started.
  const bundled = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (existsSync(bundled) && process.env['SUBTODO_EVAL_HANDOVER'] !== '1') {
    const child = spawn(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, SUBTODO_EVAL_HANDOVER: '1' },
    });
    // Signals sent to this process (a CI cancel, `kill`, a supervisor) go on to the child, which
    // stops cleanly and writes an incomplete report; this process exits with the child's code. A
    // Ctrl-C on a terminal reaches both processes at once: the child ignores the forwarded copy
    // (see the SIGINT handler in src/cli/main.ts).
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(name, () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(name);
      });
    }
    child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  } else {
    process.stderr.write(
      `subtodo-eval needs Node >= 22.18 (this is ${process.version}). ` +
        'Run `npm install` in the subtodo-eval folder (it brings Node 24), or install Node 22.18+.\n',
    );
    process.exit(2);
  }
} else {
  // Caches compiled code between runs (in the OS temp folder): start-up is most of a short command.
  module.enableCompileCache?.();
  const { cliEntry } = await import('./cli-entry.js');
  const { main } = await import(cliEntry().href);
  process.exitCode = await main(process.argv.slice(2));
}
