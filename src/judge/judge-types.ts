/** One dimension as the judge graded it: a level (a mean of levels with `reduce: mean`) and why. */
export interface DimensionGrade {
  level: number;
  reason: string;
}

/** One judge sample, parsed: its levels, or why it could not be used. */
export type SampleVerdict = { ok: true; dimensions: Record<string, DimensionGrade> } | { ok: false; error: string };

/** How repeated judge samples become one verdict (see reduceSamples). */
export type JudgeReduce = 'majority' | 'mean';

/**
 * The judge's verdict on one reply, as results.jsonl keeps it. `error` when too few samples were
 * usable: the case is then not scored (counted apart, like a provider error), never a silent 0 or pass.
 */
export interface JudgeRecord {
  verdict: 'pass' | 'fail' | 'error';
  /** 0–1: the weighted mean of level/2, or 0 when a dimension is at 0; null on error. */
  score: number | null;
  /** Per dimension id; empty on error. */
  dimensions: Record<string, DimensionGrade>;
  /** Samples asked. */
  samples: number;
  /** Samples whose call failed or whose verdict did not fit the schema. */
  failedSamples: number;
  /** Share of usable samples whose own pass/fail agrees with the verdict; null with one sample. */
  agreement: number | null;
  /** Why the verdict is unusable (the first failed sample's reason). */
  error?: string;
}
