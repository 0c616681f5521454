import { REPLY_TYPES } from '../parse/reply-schema.ts';
import type { Usage } from '../results/trial-result.ts';
import type { AggregateRow } from './aggregate-row.ts';
import type { CaseMean } from './case-means.ts';
import { buildCaseMeans } from './case-means.ts';
import { buildClassification } from './classification.ts';
import { buildExactFormRate, buildQuality } from './quality.ts';
import { summarizeConsistency } from './case-consistency.ts';
import { meanCi95, passRateCi95 } from './confidence.ts';
import { mean, percentile } from './descriptive.ts';
import type { Cell, OutcomeCounts, TagStats } from './summary-types.ts';

export function createOutcomeCounts(): OutcomeCounts {
  return { answer: 0, question: 0, invalid: 0, format_error: 0, schema_error: 0, provider_error: 0 };
}

/**
 * One variant × target from its calls.
 * - Over cases (repeats averaged first, see buildCaseMeans): n, meanScore, ci95, passRate and its
 *   interval (Wilson; with repeats over the effective number of cases, see passRateCi95), and the
 *   per-tag stats.
 * - ci95 is the t-interval as computed, null under 2 cases. It is not clipped to [0, 1] although
 *   no score leaves that range: reports print half its width as "±", and half a clipped width is
 *   a narrower interval than the one the data gives (an overclaim). Bounds past 0 or 1 just say
 *   the sample is too small or too spread for the t approximation to be tight.
 * - With repeats, consistency and the flaky cases (see summarizeConsistency); the intervals above
 *   are then clustered by case, since a case's repeats are averaged before any spread is taken.
 * - Over calls: outcomes, confusion, usage and cost (null only when no call had a price);
 *   typeAccuracy over scored calls; latency over calls that are not provider errors (their time is
 *   timeouts and retries, not the model's) nor batch results (no latency of their own), null when
 *   there is none: 0 would read as fast.
 */
export function buildCell(variant: string, target: string, rows: readonly AggregateRow[]): Cell {
  const allCases = buildCaseMeans(rows);
  const cases = allCases.filter(isScored);
  const caseScores = cases.map((c) => c.score);
  const casePasses = cases.map((c) => c.pass);
  const passRate = mean(casePasses);
  const scoredCalls = rows.filter((r) => r.score !== null);
  // A batch request has no latency of its own (its results say 0).
  const latencies = rows.filter((r) => r.outcome !== 'provider_error' && r.batch !== true).map((r) => r.latencyMs);
  const { consistency, flaky } = summarizeConsistency(allCases);

  return {
    variant,
    target,
    n: cases.length,
    calls: rows.length,
    meanScore: mean(caseScores),
    ci95: meanCi95(caseScores),
    passRate,
    passRateCi95: passRateCi95(casePasses, cases.reduce((sum, c) => sum + c.samples, 0)),
    typeAccuracy: scoredCalls.length === 0 ? null : scoredCalls.filter((r) => (r.acceptedTypes as readonly string[]).includes(r.outcome)).length / scoredCalls.length,
    classification: buildClassification(rows),
    quality: buildQuality(rows),
    exactFormRate: buildExactFormRate(rows),
    outcomes: countOutcomes(rows),
    confusion: buildConfusion(rows),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    usage: sumUsage(rows),
    costUsd: sumCost(rows),
    cachedCalls: rows.filter((r) => r.cached === true).length,
    batchCalls: rows.filter((r) => r.batch === true).length,
    promptCacheSavingUsd: sumSaving(rows),
    tags: buildTagStats(allCases),
    simulated: rows.some((r) => r.simulated),
    consistency,
    flaky,
  };
}

type ScoredCase = CaseMean & { score: number; pass: number };

function isScored(c: CaseMean): c is ScoredCase {
  return c.score !== null && c.pass !== null;
}

function countOutcomes(rows: readonly AggregateRow[]): OutcomeCounts {
  const counts = createOutcomeCounts();
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}

/** Rows for the three reply types always (a stable matrix), plus any other expected type seen. */
function buildConfusion(rows: readonly AggregateRow[]): Record<string, OutcomeCounts> {
  const confusion: Record<string, OutcomeCounts> = {};
  for (const type of REPLY_TYPES) confusion[type] = createOutcomeCounts();
  for (const row of rows) {
    const counts = (confusion[row.expectedType] ??= createOutcomeCounts());
    counts[row.outcome] += 1;
  }
  return confusion;
}

function sumUsage(rows: readonly AggregateRow[]): Usage {
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  for (const row of rows) {
    usage.inputTokens += row.usage.inputTokens;
    usage.outputTokens += row.usage.outputTokens;
    if (row.usage.cachedInputTokens) usage.cachedInputTokens = (usage.cachedInputTokens ?? 0) + row.usage.cachedInputTokens;
    if (row.usage.cacheWriteTokens) usage.cacheWriteTokens = (usage.cacheWriteTokens ?? 0) + row.usage.cacheWriteTokens;
  }
  return usage;
}

function sumSaving(rows: readonly AggregateRow[]): number | null {
  let total: number | null = null;
  for (const row of rows) if (row.promptCacheSavingUsd !== undefined) total = (total ?? 0) + row.promptCacheSavingUsd;
  return total;
}

function sumCost(rows: readonly AggregateRow[]): number | null {
  let total: number | null = null;
  for (const row of rows) if (row.costUsd !== null) total = (total ?? 0) + row.costUsd;
  return total;
}

/** Per tag over cases, tags sorted; n counts scored cases, so an all-error tag shows n 0. */
function buildTagStats(cases: readonly CaseMean[]): Record<string, TagStats> {
  const byTag = new Map<string, ScoredCase[]>();
  for (const c of cases) {
    for (const tag of new Set(c.tags)) {
      const list = byTag.get(tag) ?? [];
      if (isScored(c)) list.push(c);
      byTag.set(tag, list);
    }
  }
  const tags: Record<string, TagStats> = {};
  for (const tag of [...byTag.keys()].sort()) {
    const list = byTag.get(tag) ?? [];
    tags[tag] = { n: list.length, meanScore: mean(list.map((c) => c.score)), passRate: mean(list.map((c) => c.pass)) };
  }
  return tags;
}
