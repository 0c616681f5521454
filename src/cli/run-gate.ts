import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { toAggregateRow, type AggregateRow, type GateVerdict, type Summary } from '../aggregate/index.ts';
import { labelCellKey, type CellKey } from '../compare/cell-key.ts';
import { evaluateGate, isGateInEffect, type GateOptions } from '../compare/evaluate-gate.ts';
import { errnoText } from '../config/read-yaml-file.ts';
import { UserError } from '../errors.ts';
import type { JunitCollector } from '../report/junit-collector.ts';
import { renderJunit } from '../report/render-junit.ts';
import { terminalLine } from '../text/terminal-text.ts';
import type { CliIO } from './cli-io.ts';
import { readRunInput } from './read-run-input.ts';

export interface GateFlags {
  baseline?: string | undefined;
  failUnder?: number | undefined;
  maxDrop?: number | undefined;
}

/**
 * Before any call: the gate's options (flags over config `thresholds`), the baseline read and
 * matched against the cells this run will make. A baseline that is not a run, or shares no cell,
 * would make a gate that checks nothing: exit 2 now rather than after paying for the run.
 * Undefined when no gate is in effect (config `maxDrop` alone acts only with a baseline).
 */
export async function prepareGate(flags: GateFlags, thresholds: { failUnder?: number | undefined; maxDrop?: number | undefined }, planned: readonly CellKey[], io: CliIO): Promise<GateOptions | undefined> {
  if (flags.maxDrop !== undefined && flags.baseline === undefined) {
    throw new UserError('MAX_DROP_NEEDS_BASELINE', '--max-drop needs --baseline <runDir>: the drop is measured against a stored run');
  }
  const options: GateOptions = { failUnder: flags.failUnder ?? thresholds.failUnder, maxDrop: flags.maxDrop ?? thresholds.maxDrop };
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
  summary.gate = gate;
  return gate;
}

/** One stderr line per failed check (the exit code says the rest). */
export function printGate(gate: GateVerdict, io: CliIO, quiet: boolean): void {
  for (const reason of gate.reasons) io.stderr(`gate: ${terminalLine(reason, 1000)}\n`);
  if (gate.passed && !quiet) io.stderr(`gate: passed (${gate.cells.length} cell${gate.cells.length === 1 ? '' : 's'} checked)\n`);
}

/** `--junit FILE`: the run as JUnit XML, with the gate as one more suite when it was in effect. */
export async function writeJunit(given: string, collector: JunitCollector, summary: Summary, io: CliIO): Promise<void> {
  const file = resolve(io.cwd, given);
  const xml = renderJunit({ runId: summary.runId, timestamp: summary.startedAt, passThreshold: summary.passThreshold, cases: collector.list(), gate: summary.gate });
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, xml);
  } catch (e) {
    throw new UserError('CANNOT_WRITE', `--junit ${given}: cannot write the JUnit report (${errnoText(e)})`);
  }
}
