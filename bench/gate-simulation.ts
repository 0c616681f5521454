// npm run bench:stats [-- --replications 4000]
// Reruns the seeded simulation of test/aggregate/gate-simulation.test.ts at a larger size and
// prints the figures docs/statistics.md quotes: the gate's failure rate by true drop in both
// modes (and the rule it replaced), the A/A false-positive rate, and how often the exact test's
// bounds on 0/1 scores cover the truth next to a t bound's. Pure functions, one process.
import { parseArgs } from 'node:util';
import { passRateCi95, wilsonCi95 } from '../src/aggregate/confidence.ts';
import { weighPairedDiffs } from '../src/aggregate/paired-evidence.ts';
import { tEvidence } from '../src/aggregate/paired-t-test.ts';
import { mean, sampleSd } from '../src/aggregate/descriptive.ts';
import { createRandom, DEFAULT_MODEL, simulateAa, simulateGateRules } from '../test/support/gate-simulation.ts';

const { values } = parseArgs({ options: { replications: { type: 'string', default: '4000' } } });
const R = Number(values.replications);
if (!Number.isInteger(R) || R < 1) throw new Error(`--replications: a whole number ≥ 1, got ${values.replications}`);

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const started = Date.now();
const m = DEFAULT_MODEL;
console.log(`# gate simulation · ${R} replications · ${m.cases} cases × --repeat ${m.repeat} · baseline bad ${pct(m.badRate)} ± ${m.caseSpread} by case\n`);

console.log('| mode | margin D | true drop | gate fails | old rule fails |');
console.log('| :-- | --: | --: | --: | --: |');
const scenarios = [
  ...[0, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25].map((trueDrop) => ({ mode: 'max-drop' as const, maxDrop: 0.1, trueDrop })),
  ...[0.05, 0.1].map((trueDrop) => ({ mode: 'max-drop' as const, maxDrop: 0, trueDrop })),
  ...[0, 0.05, 0.1, 0.15].map((trueDrop) => ({ mode: 'non-inferiority' as const, maxDrop: 0.1, trueDrop })),
];
scenarios.forEach((s, i) => {
  const r = simulateGateRules({ ...s, replications: R, seed: 100 + i });
  console.log(`| ${s.mode} | ${s.maxDrop} | ${s.trueDrop} | ${pct(r.failed)} | ${s.mode === 'max-drop' ? pct(r.oldRule) : '—'} |`);
});

console.log('\n| A/A: identical variants | any "beats" per run |');
console.log('| :-- | --: |');
for (const [i, variants] of [2, 3, 7].entries()) {
  console.log(`| ${variants} (${(variants * (variants - 1)) / 2} comparison${variants === 2 ? '' : 's, Holm'}) | ${pct(simulateAa({ variants, replications: variants === 7 ? Math.ceil(R / 4) : R, seed: 200 + i }))} |`);
}

// 0/1 values (type accepted or not), paired: each case's change is +1, 0 or −1.
console.log('\n| 0/1 scores: n, P(up), P(down) | exact one-sided 95% upper bound covers | t bound covers | exact lower covers | t lower covers |');
console.log('| :-- | --: | --: | --: | --: |');
const random = createRandom(300);
for (const [n, up, down] of [[60, 0, 0.15], [60, 0.05, 0.1], [60, 0, 0.05], [60, 0.02, 0.02], [20, 0, 0.2], [200, 0.01, 0.04]] as const) {
  const truth = up - down;
  const hits = { exactUp: 0, tUp: 0, exactLow: 0, tLow: 0 };
  const reps = Math.ceil(R / 4);
  for (let r = 0; r < reps; r++) {
    const diffs = Array.from({ length: n }, () => {
      const x = random();
      return x < up ? 1 : x < up + down ? -1 : 0;
    });
    const exact = weighPairedDiffs(diffs);
    if (exact === null) continue;
    const sd = sampleSd(diffs) ?? 0;
    const t = sd > 0 ? tEvidence(n, mean(diffs) ?? 0, sd, exact.changed) : exact;
    if (exact.upper(0.05) >= truth - 1e-12) hits.exactUp++;
    if (t.upper(0.05) >= truth - 1e-12) hits.tUp++;
    if (exact.lower(0.05) <= truth + 1e-12) hits.exactLow++;
    if (t.lower(0.05) <= truth + 1e-12) hits.tLow++;
  }
  console.log(`| ${n}, ${up}, ${down} | ${pct(hits.exactUp / reps)} | ${pct(hits.tUp / reps)} | ${pct(hits.exactLow / reps)} | ${pct(hits.tLow / reps)} |`);
}
// The pass rate with repeats: 60 cases × 4 repeats, each case passing with its own chance.
console.log('\n| pass rate, 60 cases × 4 repeats | interval over n_eff covers | width | Wilson over the 60 cases covers | width |');
console.log('| :-- | --: | --: | --: | --: |');
const passRandom = createRandom(400);
for (const [label, chances] of [['every case 0.7', [0.7]], ['cases 0.1 / 0.6 / 0.95', [0.1, 0.6, 0.95]]] as const) {
  const truth = chances.reduce((a, b) => a + b, 0) / chances.length;
  const score = { ours: 0, wilson: 0, oursWidth: 0, wilsonWidth: 0 };
  for (let r = 0; r < R; r++) {
    const shares = Array.from({ length: 60 }, () => {
      const chance = chances[Math.floor(passRandom() * chances.length)] as number;
      let passed = 0;
      for (let j = 0; j < 4; j++) if (passRandom() < chance) passed++;
      return passed / 4;
    });
    const ours = passRateCi95(shares, 240) ?? [NaN, NaN];
    const wilson = wilsonCi95(shares.reduce((a, b) => a + b, 0), 60) ?? [NaN, NaN];
    if (ours[0] <= truth && truth <= ours[1]) score.ours++;
    if (wilson[0] <= truth && truth <= wilson[1]) score.wilson++;
    score.oursWidth += ours[1] - ours[0];
    score.wilsonWidth += wilson[1] - wilson[0];
  }
  console.log(`| ${label} | ${pct(score.ours / R)} | ${(score.oursWidth / R).toFixed(3)} | ${pct(score.wilson / R)} | ${(score.wilsonWidth / R).toFixed(3)} |`);
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
