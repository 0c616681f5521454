// The seeded simulation of docs/statistics.md ("How often the verdicts are wrong"), small enough
// for every `npm test`: a noisy fake model, 60 cases, --repeat 4, the baseline's replies bad 30%
// of the time, judged by the real gate and the real comparisons. `npm run bench:stats` reruns it
// at a larger size.
import { describe, expect, it } from 'vitest';
import { simulateAa, simulateGate } from '../support/gate-simulation.ts';

describe('the max-drop gate (max drop 0.10) on a noisy model', () => {
  it('fails at most 5% of runs whose true drop, 0.07, is within the tolerance', () => {
    expect(simulateGate({ trueDrop: 0.07, maxDrop: 0.1, mode: 'max-drop', replications: 500, seed: 1 })).toBeLessThanOrEqual(0.05);
  });

  it('fails at least 80% of runs whose true drop is 0.25', () => {
    expect(simulateGate({ trueDrop: 0.25, maxDrop: 0.1, mode: 'max-drop', replications: 300, seed: 4 })).toBeGreaterThanOrEqual(0.8);
  });
});

describe('the non-inferiority gate (margin 0.10)', () => {
  it('passes at most 5% of runs whose true drop is the margin', () => {
    expect(simulateGate({ trueDrop: 0.1, maxDrop: 0.1, mode: 'non-inferiority', replications: 300, seed: 6 })).toBeGreaterThanOrEqual(0.95);
  });
});

describe('A/A: identical variants are not called different', () => {
  it('one pair: "beats" in at most 6% of runs', () => {
    expect(simulateAa({ variants: 2, replications: 1500, seed: 7 })).toBeLessThanOrEqual(0.06);
  });

  it('7 identical variants, 21 comparisons, Holm: any "beats" in at most 6% of runs', () => {
    expect(simulateAa({ variants: 7, replications: 300, seed: 8 })).toBeLessThanOrEqual(0.06);
  });
});
