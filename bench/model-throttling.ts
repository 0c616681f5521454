// The adaptive concurrency alone, in a millisecond-step model of a run: what it does for the
// throttling scenarios without the SDK, the network or the machine's CPU.
//   npx node bench/model-throttling.ts
// Refusals come back in 1 ms, successes in 200 ms; a refused call rests 1 s (its Retry-After)
// holding no slot, then goes to the front of the line. Deterministic (a fixed seed).
import { createAdaptiveConcurrency, type Attempt } from '../src/run/limits/adaptive-concurrency.ts';

interface Model {
  name: string;
  /** The server works on this many at once and refuses the rest. */
  capacity: number;
  /** Share of requests refused at random, whatever the load. */
  noise: number;
}

const CALLS = 1000;
const CONCURRENCY = 50;
const LATENCY_MS = 200;
const RETRY_AFTER_MS = 1000;

function simulate({ capacity, noise }: Model): { ms: number; refusals: number; lowest: number } {
  const limits = createAdaptiveConcurrency({ max: CONCURRENCY });
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ready: number[] = Array.from({ length: CALLS }, (_, i) => i);
  const resting: { wake: number; id: number }[] = [];
  const out: { attempt: Attempt; endsAt: number; ok: boolean; id: number }[] = [];
  let done = 0;
  let refusals = 0;
  let lowest = CONCURRENCY;
  for (let t = 0; done < CALLS; t++) {
    for (let i = out.length - 1; i >= 0; i--) {
      const a = out[i]!;
      if (a.endsAt > t) continue;
      out.splice(i, 1);
      limits.end(a.attempt, { outcome: a.ok ? 'ok' : 'throttled' });
      if (a.ok) done++;
      else resting.push({ wake: t + RETRY_AFTER_MS, id: a.id });
    }
    for (let i = resting.length - 1; i >= 0; i--) {
      if (resting[i]!.wake > t) continue;
      ready.unshift(resting[i]!.id);
      resting.splice(i, 1);
    }
    while (out.length < limits.limit && ready.length > 0) {
      const ok = out.filter((a) => a.ok).length < capacity && random() >= noise;
      if (!ok) refusals++;
      out.push({ attempt: limits.begin(t), endsAt: t + (ok ? LATENCY_MS : 1), ok, id: ready.shift()! });
    }
    lowest = Math.min(lowest, limits.limit);
    if (done === CALLS) return { ms: t, refusals, lowest };
  }
  return { ms: NaN, refusals, lowest };
}

const MODELS: Model[] = [
  { name: 'no faults', capacity: Infinity, noise: 0 },
  { name: '20% random 429s', capacity: Infinity, noise: 0.2 },
  { name: 'capacity 20', capacity: 20, noise: 0 },
];
console.log('| scenario | model wall | ideal | ratio | refusals | lowest limit |\n| --- | --- | --- | --- | --- | --- |');
for (const model of MODELS) {
  const { ms, refusals, lowest } = simulate(model);
  const ideal = (CALLS * LATENCY_MS) / Math.min(CONCURRENCY, model.capacity);
  console.log(`| ${model.name} | ${(ms / 1000).toFixed(2)} s | ${(ideal / 1000).toFixed(2)} s | ${(ms / ideal).toFixed(2)} | ${refusals} | ${lowest} |`);
}
