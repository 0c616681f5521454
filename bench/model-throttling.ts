// The adaptive concurrency alone, in a millisecond-step model of a run: what it does for the
// throttling scenarios without the SDK, the network or the machine's CPU.
//   npx node bench/model-throttling.ts
// 1,000 calls, concurrency 50; refusals come back in 1 ms, successes in 200 ms; a refused call
// rests 1 s (its Retry-After) holding no slot, then goes first. Deterministic (a fixed seed).
import { createMulberry32 } from '../src/aggregate/seeded-random.ts';
import { modelThrottling } from '../test/support/throttle-model.ts';

const CALLS = 1000;
const CONCURRENCY = 50;
const LATENCY_MS = 200;
const MODELS = [
  { name: 'no faults', capacity: Infinity, noise: 0 },
  { name: '20% random 429s', capacity: Infinity, noise: 0.2 },
  { name: 'capacity 20', capacity: 20, noise: 0 },
];

console.log('| scenario | model wall | ideal | ratio | refusals | lowest limit |\n| --- | --- | --- | --- | --- | --- |');
for (const { name, capacity, noise } of MODELS) {
  const run = modelThrottling({ max: CONCURRENCY, capacity: () => capacity, noise, latencyMs: LATENCY_MS, calls: CALLS, untilMs: 120_000 });
  const ideal = (CALLS * LATENCY_MS) / Math.min(CONCURRENCY, capacity);
  console.log(`| ${name} | ${(run.ms / 1000).toFixed(2)} s | ${(ideal / 1000).toFixed(2)} s | ${(run.ms / ideal).toFixed(2)} | ${run.refusedAt.length} | ${Math.min(...run.limits)} |`);
}

// How much of the random scenario's time is the luck of the draw: the same shape of run (1,000
// calls, each refused in a row a geometric number of times at 20%) replayed for 200 seeds.
const DRAWS = 200;
const ratios: number[] = [];
for (let seed = 1; seed <= DRAWS; seed++) {
  const random = createMulberry32(seed);
  const chains = Array.from({ length: CALLS }, () => {
    let refusals = 0;
    while (random() < 0.2) refusals++;
    return refusals;
  });
  const run = modelThrottling({ max: CONCURRENCY, chains, latencyMs: LATENCY_MS, untilMs: 120_000 });
  ratios.push(run.ms / ((CALLS * LATENCY_MS) / CONCURRENCY));
}
ratios.sort((a, b) => a - b);
const at = (q: number) => ratios[Math.round(q * (DRAWS - 1))]!.toFixed(2);
console.log(`\n20% random 429s over ${DRAWS} draws, × ideal: 10th percentile ${at(0.1)}, median ${at(0.5)}, 90th ${at(0.9)}, worst ${at(1)}; above 2: ${ratios.filter((r) => r > 2).length} of ${DRAWS}`);
