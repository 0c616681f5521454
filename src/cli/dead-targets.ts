import type { Summary } from '../aggregate/index.ts';
import { terminalLine } from '../text/terminal-text.ts';
import type { CliIO } from './cli-io.ts';

/** Enough of a provider's error to tell a bad key from a bad model name. */
const LAST_ERROR_CHARS = 300;

/**
 * A target whose every call failed (a revoked key, a wrong model name, a wrong base URL) measured
 * nothing: say so and fail, rather than leave CI green on an empty scorecard.
 */
export function reportDeadTargets(summary: Summary, lastError: ReadonlyMap<string, string>, io: CliIO): boolean {
  const dead = new Set<string>();
  for (const target of new Set(summary.cells.map((c) => c.target))) {
    const cells = summary.cells.filter((c) => c.target === target);
    const calls = cells.reduce((n, c) => n + c.calls, 0);
    if (calls > 0 && cells.every((c) => c.outcomes.provider_error === c.calls)) dead.add(target);
  }
  for (const target of dead) {
    // The provider's own words, which may carry escape sequences meant for a terminal: sanitised and cut.
    const last = terminalLine(lastError.get(target) ?? 'unknown error', LAST_ERROR_CHARS);
    io.stderr(`target ${terminalLine(target, 200)}: every call failed (last: ${last}). Check its API key, model name and base URL.\n`);
  }
  return dead.size > 0;
}
