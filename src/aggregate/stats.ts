export { mean, percentile, sampleSd } from './descriptive.ts';
export { incompleteBeta, logGamma } from './incomplete-beta.ts';
export { tCdf, tQuantile, tTwoSidedP } from './student-t.ts';
export { meanCi95, wilsonCi95 } from './confidence.ts';
export type { Interval } from './confidence.ts';
export { pairedTTest } from './paired-t-test.ts';
export type { PairedTTest } from './paired-t-test.ts';
