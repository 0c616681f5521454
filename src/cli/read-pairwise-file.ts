import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PairwiseSummary } from '../aggregate/index.ts';
import type { PairRecord } from '../run/pairwise/pair-record.ts';
import { summarizeAll } from './run-pairwise.ts';

/**
 * A run folder's pairwise.jsonl summarized again (the `report` command), pairs in the order they
 * first appear; undefined when the run judged no pairs. Lines that are not pair records are skipped.
 */
export async function readPairwiseSummaries(dir: string, targets: readonly string[]): Promise<PairwiseSummary[] | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, 'pairwise.jsonl'), 'utf8');
  } catch {
    return undefined;
  }
  const records: PairRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Partial<PairRecord>;
      if (typeof value.a === 'string' && typeof value.b === 'string' && typeof value.caseId === 'string' && typeof value.outcome === 'string') records.push(value as PairRecord);
    } catch {
      // A torn last line: the pair is judged again by a resumed run.
    }
  }
  const pairs = [...new Map(records.map((r) => [JSON.stringify([r.a, r.b]), [r.a, r.b] as [string, string]])).values()];
  return pairs.length === 0 ? undefined : summarizeAll(pairs, targets, records);
}
