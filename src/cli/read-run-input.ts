import type { RunInput } from '../compare/compare-runs.ts';
import { COMPARE_EXCERPT_CHARS } from '../report/render-compare-md.ts';
import type { TrialResult } from '../results/index.ts';
import { PREFIX_PER_CHAR } from '../text/plain-text.ts';
import type { CliIO } from './cli-io.ts';
import { openRunFolder, readRunResults } from './read-run-folder.ts';

/**
 * A stored run folder for `compare` or `--baseline`, named in every message as the user gave it
 * (`what` says which argument it was). Unreadable lines and lines of another run are skipped and
 * reported, as `report` does.
 */
export async function readRunInput(given: string, what: string, io: CliIO): Promise<RunInput> {
  const folder = await openRunFolder(given, what, io);
  const { meta } = folder;
  const results: TrialResult[] = [];
  await readRunResults(folder, io, (result) => results.push(slim(result)));
  return {
    label: given,
    runId: meta.runId,
    startedAt: meta.startedAt,
    complete: results.length >= meta.plannedCalls,
    passThreshold: meta.passThreshold,
    results,
    order: meta.variants.flatMap((variant) => meta.targets.map((t) => ({ variant, target: t.id }))),
  };
}

/** Text a comparison can show at most: an excerpt reads no further, so keeping more only costs memory. */
const KEPT_CHARS = Math.max(COMPARE_EXCERPT_CHARS.reply, COMPARE_EXCERPT_CHARS.input) * PREFIX_PER_CHAR + 17;

/** A result with its model text cut to what a comparison shows: a 512 MiB results.jsonl stays small in memory. */
function slim(result: TrialResult): TrialResult {
  const cut = (text: string) => (text.length > KEPT_CHARS ? text.slice(0, KEPT_CHARS) : text);
  return {
    ...result,
    input: cut(result.input),
    raw: result.raw === null ? null : cut(result.raw),
    error: result.error === null ? null : { ...result.error, message: cut(result.error.message) },
  };
}
