import { appendFile, writeFile } from 'node:fs/promises';
import type { PairwiseSummary } from '../aggregate/index.ts';
import { summarizePairwise } from '../aggregate/summarize-pairwise.ts';
import type { Case } from '../config/case-schema.ts';
import { UserError } from '../errors.ts';
import type { Reply } from '../parse/reply-schema.ts';
import type { CompleteDeps } from '../run/complete-once.ts';
import type { PairTask, PairwiseJudge } from '../run/pairwise/judge-pair.ts';
import type { PairRecord } from '../run/pairwise/pair-record.ts';
import { runPairs } from '../run/pairwise/run-pairs.ts';
import type { TrialResult } from '../results/index.ts';

/**
 * The pairs to judge: `--pairwise a,b` (one pair), else the config's `judge.pairwise`. A flag's
 * pair must be two variants of this run; a configured pair with a side left out of this run
 * (`--variants`) is skipped with a note, so narrowing a run does not break it.
 */
export function choosePairs(
  flag: readonly string[] | undefined,
  configured: readonly [string, string][],
  variants: readonly string[],
  hasJudge: boolean,
  note: (line: string) => void = () => {},
): [string, string][] {
  if (flag !== undefined && flag.length !== 2) throw new UserError('USAGE', `--pairwise takes two variant ids, e.g. --pairwise five-principles,seed-xml (got ${flag.length})`);
  if (flag === undefined) {
    return configured.filter(([a, b]) => {
      const missing = [a, b].filter((v) => !variants.includes(v));
      if (missing.length > 0) note(`pairwise: skipping ${a} vs ${b}: ${missing.join(' and ')} not in this run`);
      return missing.length === 0 && a !== b;
    });
  }
  const [a, b] = [flag[0]!, flag[1]!];
  if (!hasJudge) throw new UserError('USAGE', 'pairwise judging needs a judge: set `judge:` in the config (e.g. judge: openai:gpt-4.1)');
  const problems = [a, b].filter((v) => !variants.includes(v)).map((v) => ({ file: '--pairwise', message: `"${v}" is not a variant of this run (variants: ${variants.join(', ')})` }));
  if (a === b) problems.push({ file: '--pairwise', message: `"${a}" against itself compares nothing` });
  if (problems.length > 0) throw new UserError('USAGE', 'bad pairwise pair', problems);
  return [[a, b]];
}

/** Keeps the replies of the variants that are paired, and nothing of the others, as results stream by. */
export function createReplyKeeper(pairs: readonly [string, string][]) {
  const wanted = new Set(pairs.flat());
  const replies = new Map<string, Reply | null>();
  const key = (variant: string, target: string, caseId: string, repeat: number) => JSON.stringify([variant, target, caseId, repeat]);
  return {
    add(result: TrialResult): void {
      if (wanted.has(result.variant)) replies.set(key(result.variant, result.target, result.caseId, result.repeat), result.reply);
    },
    /** undefined: no result at all (an interrupted run); null: a result with no reply. */
    get: (variant: string, target: string, caseId: string, repeat: number) => replies.get(key(variant, target, caseId, repeat)),
  };
}
export type ReplyKeeper = ReturnType<typeof createReplyKeeper>;

/**
 * After the trials: every paired variant's replies, case by case and repeat by repeat on each
 * target, judged in both orders; pairwise.jsonl written as pairs are done; one summary per pair
 * and target.
 */
export async function runPairwiseStage(input: {
  pairs: readonly [string, string][];
  targets: readonly string[];
  cases: readonly Case[];
  repeat: number;
  replies: ReplyKeeper;
  judge: PairwiseJudge;
  deps: CompleteDeps;
  file: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ summaries: PairwiseSummary[]; interrupted: boolean; lastError: string | undefined }> {
  const tasks: PairTask[] = [];
  for (const [a, b] of input.pairs) {
    for (const target of input.targets) {
      for (let repeat = 0; repeat < input.repeat; repeat++) {
        for (const testCase of input.cases) {
          const replyA = input.replies.get(a, target, testCase.id, repeat);
          const replyB = input.replies.get(b, target, testCase.id, repeat);
          // A call the run never made (interrupted) is left out, not counted as a missing reply.
          if (replyA === undefined || replyB === undefined) continue;
          tasks.push({ a, b, target, testCase, repeat, replyA, replyB });
        }
      }
    }
  }
  await writeFile(input.file, '');
  const records: PairRecord[] = [];
  let lastError: string | undefined;
  const { interrupted } = await runPairs(tasks, input.judge, {
    ...input.deps,
    onRecord: async (record) => {
      records.push(record);
      if (record.outcome === 'error') lastError = record.note;
      await appendFile(input.file, `${JSON.stringify(record)}\n`);
      input.onProgress?.(records.length, tasks.length);
    },
  });
  return { summaries: summarizeAll(input.pairs, input.targets, records), interrupted, lastError };
}

/** One summary per pair and target, in the order the pairs were given. */
export function summarizeAll(pairs: readonly [string, string][], targets: readonly string[], records: readonly PairRecord[]): PairwiseSummary[] {
  return pairs.flatMap(([a, b]) => targets.map((target) => summarizePairwise(a, b, target, records.filter((r) => r.a === a && r.b === b && r.target === target))));
}
