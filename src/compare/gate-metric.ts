import type { CaseMean } from '../aggregate/case-means.ts';
import type { GateMetric } from '../aggregate/summary-types.ts';

export const GATE_METRICS = ['score', 'quality', 'classification'] as const satisfies readonly GateMetric[];

/**
 * A case's value for the gated metric, its repeats averaged: `score` the mean score; `quality`
 * the mean score of the repeats whose reply type was accepted (null when none was); and
 * `classification` the share of repeats whose reply type was accepted (0/1 without repeats).
 * Null when the case has no value, so it is left out of the cell and of the pairing.
 */
export function caseValue(c: CaseMean, metric: GateMetric): number | null {
  switch (metric) {
    case 'score':
      return c.score;
    case 'quality':
      return c.quality;
    case 'classification':
      return c.accepted;
  }
}

/** How a metric is named in a sentence. */
export function metricLabel(metric: GateMetric): string {
  return metric === 'classification' ? 'type accuracy' : metric;
}
