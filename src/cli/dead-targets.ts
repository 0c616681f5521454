import type { Summary } from '../aggregate/index.ts';
import type { CliIO } from './cli-io.ts';

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
    const last = lastError.get(target) ?? 'unknown error';
    io.stderr(`target ${target}: every call failed (last: ${last}). Check its API key, model name and base URL.\n`);
  }
  return dead.size > 0;
}
