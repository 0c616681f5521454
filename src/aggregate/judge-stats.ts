import type { AggregateRow } from './aggregate-row.ts';
import { mean } from './descriptive.ts';
import type { JudgeCellStats } from './summary-types.ts';

/**
 * The judge's side of one cell, over the calls it was asked about (calls whose gates failed, or
 * with no reply, were not sent to it): how many verdicts were usable and how many were errors,
 * its pass rate and mean score, the mean level per dimension (what the judge found weak), and its
 * consistency with itself when it sampled more than once.
 */
export function buildJudgeStats(rows: readonly AggregateRow[]): JudgeCellStats {
  const asked = rows.flatMap((r) => (r.judgeRow === undefined ? [] : [r.judgeRow]));
  const graded = asked.filter((j) => j.verdict !== 'error');
  const byDimension = new Map<string, number[]>();
  for (const j of graded) {
    for (const [id, level] of Object.entries(j.levels)) {
      const list = byDimension.get(id);
      if (list === undefined) byDimension.set(id, [level]);
      else list.push(level);
    }
  }
  const dimensions: JudgeCellStats['dimensions'] = {};
  for (const [id, levels] of byDimension) dimensions[id] = { n: levels.length, meanLevel: mean(levels) ?? 0 };
  const agreements = graded.flatMap((j) => (j.agreement === null ? [] : [j.agreement]));
  return {
    asked: asked.length,
    graded: graded.length,
    errors: asked.length - graded.length,
    failedSamples: asked.reduce((n, j) => n + j.failedSamples, 0),
    passRate: mean(graded.map((j) => (j.verdict === 'pass' ? 1 : 0))),
    meanScore: mean(graded.flatMap((j) => (j.score === null ? [] : [j.score]))),
    consistency: mean(agreements),
    dimensions,
  };
}
