import type { TrialResult } from '../../results/trial-result.ts';
import type { ProviderErrorGroup, ViewCase, ViewTrial, ViewTrialDetail } from './view-types.ts';

/**
 * Calls whose texts a view keeps, and the characters of text they may hold in all (replies, raw
 * text, criterion reasons). Past either only the numbers are kept: memory and report.html stay
 * bounded on a run of 100k calls, while every call still counts in every table and filter. The
 * shipped corpus × every variant (about 3,900 calls, 2.5M characters) fits whole.
 */
export const DETAIL_BUDGET = 5_000;
/**
 * Calls the case explorer lists. A plan runs repeat by repeat over every case, so the first calls
 * of a huge run cover every case; past this a call still counts in every table and chart, and
 * report.html stays a file a browser opens (and a run's memory stays flat).
 */
export const TRIAL_BUDGET = 30_000;
export const DETAIL_CHARS = 4_000_000;
/** Code points of a raw reply a view keeps (results.jsonl keeps up to 100k). */
export const RAW_VIEW_CHARS = 8_000;
const ERROR_EXAMPLES = 3;

/** A trial before the cells are ranked: it names its cell by key. */
export interface CollectedTrial extends Omit<ViewTrial, 'cell'> {
  cellKey: string;
}

export interface CellTally {
  criteria: Map<string, { sum: number; n: number }>;
  cached: number;
  judgeErrors: number;
  failing: Set<string>;
}

export interface Collected {
  cases: ViewCase[];
  trials: CollectedTrial[];
  criteria: string[];
  cells: Map<string, CellTally>;
  providerErrors: ProviderErrorGroup[];
  detailDropped: number;
  trialsDropped: number;
}

export interface ViewCollector {
  add(result: TrialResult): void;
  collected(): Collected;
}

export function cellKeyOf(cell: { variant: string; target: string }): string {
  return JSON.stringify([cell.variant, cell.target]);
}

/**
 * Gathers what the views need while results stream by (a run) or from a results file (`report`,
 * the viewer): cases, one compact row per call, per-cell criterion sums, cache hits, judge
 * errors and provider errors grouped by what went wrong.
 */
export function createViewCollector(budget = DETAIL_BUDGET, charBudget = DETAIL_CHARS, trialBudget = TRIAL_BUDGET): ViewCollector {
  const caseIndex = new Map<string, number>();
  const cases: ViewCase[] = [];
  const trials: CollectedTrial[] = [];
  const criteria = new Set<string>();
  const cells = new Map<string, CellTally>();
  const errors = new Map<string, ProviderErrorGroup>();
  let detailDropped = 0;
  let detailChars = 0;
  let trialsDropped = 0;

  return {
    add(result) {
      let index = caseIndex.get(result.caseId);
      if (index === undefined) {
        index = cases.length;
        caseIndex.set(result.caseId, index);
        cases.push({ id: result.caseId, input: result.input, expectedType: result.expectedType, tags: [...result.tags] });
      }
      const cellKey = cellKeyOf(result);
      const tally = tallyOf(cells, cellKey);
      tallyResult(tally, result, criteria);
      if (result.outcome === 'provider_error') groupError(errors, result);
      if (trials.length >= trialBudget) {
        trialsDropped++;
        return;
      }
      const detail = trials.length - detailDropped < budget && detailChars < charBudget ? detailOf(result) : null;
      if (detail === null) detailDropped++;
      else detailChars += sizeOf(detail);
      trials.push({
        case: index,
        cellKey,
        repeat: result.repeat,
        outcome: result.outcome,
        score: result.score,
        pass: result.pass,
        latencyMs: result.latencyMs,
        usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens },
        judgeUsage: result.judgeUsage ?? null,
        costUsd: result.costUsd,
        cached: result.cached,
        attempts: result.attempts,
        detail,
      });
    },
    collected() {
      return { cases, trials, criteria: [...criteria], cells, providerErrors: [...errors.values()], detailDropped, trialsDropped };
    },
  };
}

function tallyOf(cells: Map<string, CellTally>, key: string): CellTally {
  let tally = cells.get(key);
  if (tally === undefined) cells.set(key, (tally = { criteria: new Map(), cached: 0, judgeErrors: 0, failing: new Set() }));
  return tally;
}

function tallyResult(tally: CellTally, result: TrialResult, criteria: Set<string>): void {
  if (result.cached) tally.cached++;
  if (result.pass === false || result.outcome === 'provider_error') tally.failing.add(result.caseId);
  for (const [name, s] of Object.entries(result.scores)) {
    criteria.add(name);
    if (name === 'judge' && s.reason.startsWith('judge error')) tally.judgeErrors++;
    if (result.outcome === 'provider_error' || s.score === null) continue;
    const sums = tally.criteria.get(name) ?? { sum: 0, n: 0 };
    sums.sum += s.score;
    sums.n++;
    tally.criteria.set(name, sums);
  }
}

function groupError(groups: Map<string, ProviderErrorGroup>, result: TrialResult): void {
  const status = result.error?.status ?? null;
  const message = result.error?.message ?? 'no error message recorded';
  const key = JSON.stringify([result.target, status, message]);
  let group = groups.get(key);
  if (group === undefined) groups.set(key, (group = { target: result.target, status, message, count: 0, examples: [] }));
  group.count++;
  if (group.examples.length < ERROR_EXAMPLES) group.examples.push(`${result.caseId} (${result.variant})`);
}

function detailOf(result: TrialResult): ViewTrialDetail {
  const raw = result.raw === null ? null : cutCodePoints(result.raw, RAW_VIEW_CHARS);
  return {
    trialId: result.trialId,
    reply: result.reply,
    raw,
    rawTruncated: result.rawTruncated === true || (result.raw !== null && raw !== result.raw),
    error: result.error,
    scores: result.scores,
  };
}

/** Characters of text a detail holds, roughly: what its share of memory and of report.html is. */
function sizeOf(detail: ViewTrialDetail): number {
  let chars = (detail.raw?.length ?? 0) + (detail.error?.message.length ?? 0);
  if (detail.reply !== null) chars += detail.reply.type === 'invalid' ? detail.reply.message.length : detail.reply.items.reduce((n, item) => n + item.length, 0);
  for (const [name, s] of Object.entries(detail.scores)) chars += name.length + s.reason.length + 8;
  return chars;
}

function cutCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}
