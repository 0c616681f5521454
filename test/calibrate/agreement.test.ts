import { describe, expect, it } from 'vitest';
import { cohensKappa, measureAgreement } from '../../src/calibrate/agreement.ts';

const pairs = (spec: [boolean, boolean, number][]) => spec.flatMap(([human, machine, n]) => Array.from({ length: n }, () => ({ human, machine })));

describe('measureAgreement', () => {
  it('computes accuracy, the verdict confusion and Cohen\'s κ by hand', () => {
    // 40 agree on pass, 45 agree on fail, 5 the grader passes a fail, 10 it fails a pass.
    const a = measureAgreement(pairs([[true, true, 40], [false, false, 45], [false, true, 5], [true, false, 10]]));
    expect(a.n).toBe(100);
    expect(a.accuracy).toBeCloseTo(0.85, 12);
    expect(a.confusion).toEqual({ humanPassMachinePass: 40, humanPassMachineFail: 10, humanFailMachinePass: 5, humanFailMachineFail: 45 });
    // po = 0.85; human pass 0.5, grader pass 0.45 → pe = 0.5·0.45 + 0.5·0.55 = 0.5; κ = 0.35 / 0.5
    expect(a.kappa).toBeCloseTo(0.7, 12);
    expect(a.accuracyCi95?.[0]).toBeLessThan(0.85);
    expect(a.accuracyCi95?.[1]).toBeGreaterThan(0.85);
  });

  it('κ is 0 when agreement is what the marginals give by chance, and undefined with one verdict on both sides', () => {
    expect(measureAgreement(pairs([[true, true, 25], [true, false, 25], [false, true, 25], [false, false, 25]])).kappa).toBeCloseTo(0, 12);
    expect(cohensKappa({ humanPassMachinePass: 10, humanPassMachineFail: 0, humanFailMachinePass: 0, humanFailMachineFail: 0 }, 10)).toBeNull();
    expect(measureAgreement([]).accuracy).toBeNull();
  });

  it('gives no κ when either side said one verdict only: it would be 0 however well the other did', () => {
    // Every reply a fault to the person; the grader caught 4 of 52 (the meaning-only faults).
    const meaningOnly = measureAgreement(pairs([[false, false, 4], [false, true, 48]]));
    expect(meaningOnly.accuracy).toBeCloseTo(4 / 52, 12);
    expect(meaningOnly.kappa).toBeNull();
    expect(measureAgreement(pairs([[true, false, 3], [false, false, 7]])).kappa).toBeNull();
  });
});
