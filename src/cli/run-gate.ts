import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { toAggregateRow, type AggregateRow, type GateMetric, type GateMode, type GateVerdict, type Summary } from '../aggregate/index.ts';
import { labelCellKey, type CellKey } from '../compare/cell-key.ts';
import { evaluateGate, isGateInEffect, type GateOptions } from '../compare/evaluate-gate.ts';
import { errnoText } from '../config/read-yaml-file.ts';
import { UserError } from '../errors.ts';
import { describeGatePass, listGateReasons } from '../report/describe-gate.ts';
import type { JunitCollector } from '../report/junit-collector.ts';
import { renderJunit } from '../report/render-junit.ts';
import { terminalLine } from '../text/terminal-text.ts';
import type { CliIO } from './cli-io.ts';
import { readRunInput } from './read-run-input.ts';

export interface GateFlags {
  baseline?: string | undefined;
  failUnder?: number | undefined;
  maxDrop?: number | undefined;
  gate?: GateMode | undefined;
  gateMetric?: GateMetric | undefined;
}

export interface GateThresholds {
  failUnder?: number | undefined;
  maxDrop?: number | undefined;
  gate?: GateMode | undefined;
  metric?: GateMetric | undefined;
}

/**
 * Before any call: the gate's options (flags over config `thresholds`), the baseline read and
 * matched against the cells this run will make. A baseline that is not a run, or shares no cell,
 * would make a gate that checks nothing: exit 2 now rather than after paying for the run.
 * Undefined when no gate is in effect (config `maxDrop` alone acts only with a baseline).
 */
export async function prepareGate(flags: GateFlags, thresholds: GateThresholds, planned: readonly CellKey[], io: CliIO): Promise<GateOptions | undefined> {
  for (const [given, name] of [[flags.maxDrop, '--max-drop'], [flags.gate, '--gate']] as const) {
    if (given !== undefined && flags.baseline === undefined) {
      throw new UserError('MAX_DROP_NEEDS_BASELINE', `${name} needs --baseline <runDir>: the drop is measured against a stored run`);
    }
  }
  const options: GateOptions = {
    failUnder: flags.failUnder ?? thresholds.failUnder,
    maxDrop: flags.maxDrop ?? thresholds.maxDrop,
    mode: flags.gate ?? thresholds.gate,
    metric: flags.gateMetric ?? thresholds.metric,
  };
  if (flags.gateMetric !== undefined && options.failUnder === undefined && flags.baseline === undefined) {
    throw new UserError('GATE_METRIC_NEEDS_GATE', '--gate-metric needs a gate to measure: --fail-under <s> or --baseline <runDir>');
  }
  if (flags.baseline !== undefined && options.mode === 'non-inferiority' && !((options.maxDrop ?? 0) > 0)) {
    const from = flags.gate === undefined ? 'thresholds.gate: non-inferiority' : '--gate non-inferiority';
    throw new UserError('GATE_NEEDS_MARGIN', `${from} needs a margin above 0 (--max-drop <d> or thresholds.maxDrop): with 0 a cell would have to show a significant improvement to pass`);
  }
  if (flags.baseline !== undefined) {
    const run = await readRunInput(flags.baseline, '--baseline', io);
    const rows = run.results.map(toAggregateRow);
    const inBaseline = new Set(rows.map((r) => labelCellKey(r)));
    if (!planned.some((cell) => inBaseline.has(labelCellKey(cell)))) {
      const list = (labels: Iterable<string>) => [...labels].slice(0, 6).join(', ') || 'none';
      throw new UserError(
        'BASELINE_NO_OVERLAP',
        `--baseline ${flags.baseline}: no variant × target in common with this run (baseline: ${list(inBaseline)}; this run: ${list(planned.map((c) => labelCellKey(c)))})`,
      );
    }
    options.baseline = { label: flags.baseline, runId: run.runId, rows, order: run.order ?? [] };
  }
  return isGateInEffect(options) ? options : undefined;
}

/** After the run, before the reports are written: the verdict goes into the summary, so summary.json, report.md and the CI job summary carry it. */
export function applyGate(options: GateOptions, rows: readonly AggregateRow[], summary: Summary): GateVerdict {
  const gate = evaluateGate(rows, summary.cells, options);
  gate.reasons = listGateReasons(gate);
  summary.gate = gate;
  return gate;
}

/** One stderr line per failed check (the exit code says the rest); a pass says what it checked and could see; a simulated run says so on each. */
export function printGate(gate: GateVerdict, io: CliIO, quiet: boolean, simulated = false): void {
  const mark = simulated ? ' [simulated]' : '';
  for (const reason of gate.reasons) io.stderr(`gate: ${terminalLine(reason, 1000)}${mark}\n`);
  if (gate.passed && !quiet) io.stderr(`gate: ${terminalLine(describeGatePass(gate), 1000)}${mark}\n`);
}

/** `--junit FILE`: the run as JUnit XML, with the gate as one more suite when it was in effect. */
export async function writeJunit(given: string, collector: JunitCollector, summary: Summary, io: CliIO): Promise<void> {
  const file = resolve(io.cwd, given);
  const xml = renderJunit({ runId: summary.runId, timestamp: summary.startedAt, passThreshold: summary.passThreshold, cases: collector.list(), gate: summary.gate, simulated: summary.simulated });
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, xml);
  } catch (e) {
    throw new UserError('CANNOT_WRITE', `--junit ${given}: cannot write the JUnit report (${errnoText(e)})`);
  }
}
