// npm run bench [-- --only <name,...>]
// Each scenario runs in its own process against the fake server (another process) and prints its
// wall time against the ideal bound, harness CPU per call and peak RSS. Timings on a shared machine
// are noisy: compare the ratios within one run, not across machines.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO } from './bench-project.ts';
import type { ScenarioResult, ScenarioSpec } from './scenario.ts';

interface Scenario {
  spec: ScenarioSpec;
  /** What the ratio is against, and the most it may be. */
  ideal: () => { label: string; ms: number; maxRatio: number };
}

const idealWall = (spec: ScenarioSpec) => (spec.cases * 2 * spec.repeat * spec.latencyMs) / spec.concurrency;

const SCENARIOS: Scenario[] = [
  {
    spec: { name: 'latency-200ms', cases: 500, repeat: 1, latencyMs: 200, concurrency: 50 },
    ideal: () => ({ label: 'calls × latency ÷ concurrency', ms: idealWall(SCENARIOS[0]!.spec), maxRatio: 1.1 }),
  },
  {
    spec: { name: 'overhead-5k', cases: 500, repeat: 5, latencyMs: 0, concurrency: 50 },
    ideal: () => ({ label: 'CPU per call vs 0.5 ms', ms: 0.5, maxRatio: 1 }),
  },
  {
    spec: { name: 'memory-100k', cases: 500, repeat: 100, latencyMs: 0, concurrency: 50 },
    ideal: () => ({ label: 'CPU per call vs 0.5 ms; RSS ≤ 300 MB', ms: 0.5, maxRatio: 1 }),
  },
  {
    spec: { name: 'warm-cache-1k', cases: 500, repeat: 1, latencyMs: 200, concurrency: 50, warmCache: true },
    ideal: () => ({ label: 'wall vs 1.5 s (start-up included)', ms: 1500, maxRatio: 1 }),
  },
  {
    spec: { name: 'faults-20pct', cases: 500, repeat: 1, latencyMs: 200, concurrency: 50, faultRate: 0.2 },
    ideal: () => ({ label: 'fault-free calls × latency ÷ concurrency', ms: idealWall(SCENARIOS[4]!.spec), maxRatio: 1.6 }),
  },
];

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',');

console.log(`subtodo-eval benchmark · ${new Date().toISOString().slice(0, 10)} · ${cpus().length} × ${cpus()[0]?.model ?? '?'} · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.versions.node}\n`);
const rows: string[][] = [['scenario', 'calls', 'wall', 'ideal bound', 'ratio', 'target', 'CPU ms/call', 'peak RSS', 'accounted', 'retried']];
let failed = 0;
for (const scenario of SCENARIOS) {
  if (only && !only.includes(scenario.spec.name)) continue;
  const out = execFileSync(process.execPath, [join(REPO, 'bench/scenario.ts'), JSON.stringify(scenario.spec)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ScenarioResult;
  const ideal = scenario.ideal();
  const measured = scenario.spec.latencyMs === 0 ? (r.cpuMsPerCall ?? NaN) : r.wallMs;
  const ratio = measured / ideal.ms;
  const lost = r.distinct !== r.calls || r.results !== r.calls || r.providerErrors > 0 || r.exitCode !== 0;
  const memoryOk = r.peakRssMb === null || scenario.spec.name !== 'memory-100k' || r.peakRssMb <= 300;
  if (ratio > ideal.maxRatio || lost || !memoryOk) failed++;
  rows.push([
    r.name,
    String(r.calls),
    `${(r.wallMs / 1000).toFixed(2)} s`,
    scenario.spec.latencyMs === 0 ? ideal.label : `${(ideal.ms / 1000).toFixed(2)} s (${ideal.label})`,
    ratio.toFixed(2),
    `≤ ${ideal.maxRatio.toFixed(2)}`,
    r.cpuMsPerCall === null ? '-' : r.cpuMsPerCall.toFixed(3),
    r.peakRssMb === null ? '-' : `${Math.round(r.peakRssMb)} MB`,
    lost ? `NO: ${r.results} results, ${r.distinct} distinct, ${r.providerErrors} provider errors, exit ${r.exitCode}` : `${r.results}/${r.calls}`,
    String(r.retried),
  ]);
}

if (!only || only.includes('help')) {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    spawnSync(process.execPath, [join(REPO, 'bin/subtodo-eval.js'), '--help'], { encoding: 'utf8' });
    times.push(performance.now() - started);
  }
  const median = times.sort((a, b) => a - b)[3] ?? NaN;
  if (median > 200) failed++;
  rows.push(['help-startup', '-', `${(median / 1000).toFixed(3)} s`, '0.200 s (target)', (median / 200).toFixed(2), '≤ 1.00', '-', '-', '-', '-']);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
const table = rows.map((row) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`);
table.splice(1, 0, `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
console.log(table.join('\n'));
console.log(failed === 0 ? '\nEvery scenario within its target.' : `\n${failed} scenario(s) outside their target (see the ratio and accounted columns).`);
