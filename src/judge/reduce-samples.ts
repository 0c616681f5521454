import { gradeVerdict } from './grade-verdict.ts';
import type { Dimension } from './judge-rubric-schema.ts';
import type { DimensionGrade, JudgeRecord, JudgeReduce, SampleVerdict } from './judge-types.ts';

/**
 * Repeated judge samples (`judge.repeat`) → one verdict.
 * - `majority`: each dimension takes its most common level (a tie goes to the lower level, as a
 *   careful grader in doubt would), and that set of levels is graded like a single verdict.
 * - `mean`: the score is the mean of the samples' scores and passes at `passScore`; dimensions
 *   show their mean level.
 * The verdict is usable when at least half the samples (rounded up) were; otherwise it is an
 * error, so a judge that mostly fails can never pass or fail a reply on a lone sample. `agreement`
 * is the judge's own consistency: the share of usable samples whose pass/fail matches the verdict.
 */
export function reduceSamples(samples: readonly SampleVerdict[], dimensions: readonly Dimension[], passScore: number, reduce: JudgeReduce): JudgeRecord {
  const usable = samples.flatMap((s) => (s.ok ? [s.dimensions] : []));
  const failedSamples = samples.length - usable.length;
  const firstError = samples.find((s): s is Extract<SampleVerdict, { ok: false }> => !s.ok)?.error;
  if (usable.length === 0 || usable.length < Math.ceil(samples.length / 2)) {
    const error = `${failedSamples} of ${samples.length} judge sample${samples.length === 1 ? '' : 's'} unusable: ${firstError ?? 'no sample'}`;
    return { verdict: 'error', score: null, dimensions: {}, samples: samples.length, failedSamples, agreement: null, error: samples.length === 1 ? (firstError ?? error) : error };
  }
  const grades = usable.map((d) => gradeVerdict(dimensions, d, passScore));
  let dims: Record<string, DimensionGrade>;
  let score: number;
  let pass: boolean;
  if (reduce === 'majority') {
    dims = Object.fromEntries(dimensions.map((d) => [d.id, modalGrade(usable.map((u) => u[d.id]!))]));
    ({ score, pass } = gradeVerdict(dimensions, dims, passScore));
  } else {
    dims = Object.fromEntries(dimensions.map((d) => [d.id, meanGrade(usable.map((u) => u[d.id]!))]));
    score = grades.reduce((sum, g) => sum + g.score, 0) / grades.length;
    pass = score >= passScore - 1e-9;
  }
  const agreement = usable.length < 2 ? null : grades.filter((g) => g.pass === pass).length / grades.length;
  return { verdict: pass ? 'pass' : 'fail', score, dimensions: dims, samples: samples.length, failedSamples, agreement };
}

/** The most common level, the lower on a tie; the reason of the first sample that gave it. */
function modalGrade(grades: readonly DimensionGrade[]): DimensionGrade {
  const counts = new Map<number, number>();
  for (const g of grades) counts.set(g.level, (counts.get(g.level) ?? 0) + 1);
  const [level] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  return grades.find((g) => g.level === level)!;
}

/** The mean level; the reason of the sample closest to it (the first on a tie). */
function meanGrade(grades: readonly DimensionGrade[]): DimensionGrade {
  const level = grades.reduce((sum, g) => sum + g.level, 0) / grades.length;
  const closest = [...grades].sort((a, b) => Math.abs(a.level - level) - Math.abs(b.level - level))[0]!;
  return { level, reason: closest.reason };
}
