import type { PairwiseSummary } from '../aggregate/index.ts';
import { summarizePairwise } from '../aggregate/summarize-pairwise.ts';
import type { Case } from '../config/case-schema.ts';
import { loadProject } from '../config/load-project.ts';
import type { RunInput } from '../compare/compare-runs.ts';
import { UserError } from '../errors.ts';
import type { ReplyType } from '../parse/reply-schema.ts';
import { describePairwise, describePositionBias } from '../report/describe-judge.ts';
import { formatCode } from '../report/escape-markdown.ts';
import { openRunCache } from '../run/cache/index.ts';
import { retryDeps } from '../run/call-deps.ts';
import type { PairTask } from '../run/pairwise/judge-pair.ts';
import type { PairRecord } from '../run/pairwise/pair-record.ts';
import { runPairs } from '../run/pairwise/run-pairs.ts';
import { createProviders } from '../run/providers/create-providers.ts';
import type { TrialResult } from '../results/index.ts';
import type { CliIO } from './cli-io.ts';
import { judgeSetupOf } from './run-judge.ts';

/**
 * `compare <runA> <runB> --judge`: each variant × target both runs have, judged head to head case
 * by case (and repeat by repeat) in both orders, with the project's judge. Run B is side `a`, so
 * "wins" are B's. Returns the markdown section, and whether every judge call failed.
 */
export async function judgeRunsHeadToHead(runA: RunInput, runB: RunInput, flags: { config?: string | undefined; cache?: boolean | undefined }, io: CliIO): Promise<{ markdown: string; dead: boolean }> {
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config, judgeWithoutCriterion: true });
  const judge = project.judge;
  if (judge === undefined) throw new UserError('USAGE', 'compare --judge needs a judge: set `judge:` in the config (e.g. judge: openai:gpt-4.1)');
  const { judge: provider, redact } = createProviders([], io.env, judge.target);
  if (provider === undefined) throw new Error('no judge provider');
  const setup = judgeSetupOf(project, judge, provider);
  const cases = new Map(project.cases.map((c) => [c.id, c]));
  const cells = sharedCells(runA.results, runB.results);
  const tasks = cells.flatMap((cell) => cell.tasks.map((t) => ({ ...t, testCase: cases.get(t.testCase.id) ?? t.testCase })));
  if (tasks.length === 0) throw new UserError('USAGE', `compare --judge: ${runA.label} and ${runB.label} have no variant × target and case in common to judge`);
  io.stderr(`compare --judge: judging ${tasks.length} pair(s) in both orders with ${judge.target.id}…\n`);
  const cache = openRunCache({ enabled: flags.cache !== false, offline: false, cacheDir: undefined, root: project.root, cwd: io.cwd, env: io.env, warn: (line) => io.stderr(`${line}\n`) });
  const records: PairRecord[] = [];
  try {
    await runPairs(tasks, { provider, target: judge.target, rubric: judge.rubric, temperature: judge.temperature, limit: setup.limit }, { retry: retryDeps(redact), cache, stop: io.stop, cancel: io.cancel, onRecord: (r) => void records.push(r) });
  } finally {
    cache?.close();
  }
  const summaries = cells.map((cell) => summarizePairwise(runB.label, runA.label, cell.label, records.filter((r) => r.target === cell.label)));
  const judged = records.filter((r) => r.outcome !== 'unjudged');
  return { markdown: renderHeadToHead(summaries, judge.target.id, provider.simulated), dead: judged.length > 0 && judged.every((r) => r.outcome === 'error') };
}

interface SharedCell {
  label: string;
  tasks: PairTask[];
}

/** Cells both runs have, and per cell the (case, repeat) both answered: B's reply as `a`, A's as `b`. */
function sharedCells(a: readonly TrialResult[], b: readonly TrialResult[]): SharedCell[] {
  const key = (r: TrialResult) => JSON.stringify([r.variant, r.target, r.caseId, r.repeat]);
  const inA = new Map(a.map((r) => [key(r), r]));
  const cells = new Map<string, SharedCell>();
  for (const rb of b) {
    const ra = inA.get(key(rb));
    if (ra === undefined) continue;
    const label = `${rb.variant} × ${rb.target}`;
    let cell = cells.get(label);
    if (cell === undefined) cells.set(label, (cell = { label, tasks: [] }));
    cell.tasks.push({ a: 'B', b: 'A', target: label, testCase: caseOf(rb), repeat: rb.repeat, replyA: rb.reply, replyB: ra.reply });
  }
  return [...cells.values()];
}

/** The case as the result recorded it, for a case no longer in the project's corpus. */
function caseOf(r: TrialResult): Pick<Case, 'id' | 'input' | 'history' | 'expect'> {
  const type = r.expectedType as ReplyType;
  const acceptable = (r.acceptedTypes ?? []).filter((t) => t !== type);
  return { id: r.caseId, input: r.input, history: [], expect: { type, ...(acceptable.length > 0 ? { acceptable } : {}) } };
}

function renderHeadToHead(summaries: readonly PairwiseSummary[], judge: string, simulated: boolean): string {
  const lines = summaries.map((p) => `- ${describePairwise(p, formatCode)}\n  ${p.positionBias.biased ? '⚠ ' : ''}${describePositionBias(p)}.${p.errors > 0 ? ` ⚠ ${p.errors} pair(s) failed to judge.` : ''}${p.unjudged > 0 ? ` ${p.unjudged} pair(s) not judged (a side had no reply).` : ''}`);
  return [
    '## Judged head to head (run B against run A)',
    `The judge ${formatCode(judge)}${simulated ? ' (simulated: its verdicts are made up)' : ''} compared run B's reply with run A's for each case both runs answered, in both orders; a winner counts only when both orders name it. Wins are run B's.`,
    lines.join('\n'),
  ].join('\n\n');
}
