// The adaptive concurrency alone, in a millisecond-step model of a run: what it does for the
// throttling scenarios without the SDK, the network or the machine's CPU.
//   npx node bench/model-throttling.ts
// 1,000 calls, concurrency 50; refusals come back in 1 ms, successes in 200 ms; a refused call
// rests 1 s (its Retry-After) holding no slot, then goes first. Deterministic (a fixed seed).
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
