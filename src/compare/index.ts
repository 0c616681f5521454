// Two runs side by side (`compare`) and the quality gate (`run --baseline/--fail-under/--max-drop/--gate`).
// Pure: the CLI reads the run folders and prints.
export { labelCellKey, type CellKey } from './cell-key.ts';
export { pairCells, summarizeSide, type CellPairing, type CellSide, type PairedCell, type PairedDiff, type SharedCase } from './pair-cells.ts';
export { findCaseChanges, type CaseChanges } from './case-changes.ts';
export { compareRuns, type RunComparison, type RunInput, type CellComparison, type CaseChange, type ReplyExcerpt } from './compare-runs.ts';
export { DEFAULT_GATE_MODE, DEFAULT_MAX_DROP, evaluateGate, isGateInEffect, type BaselineRun, type GateOptions } from './evaluate-gate.ts';
export { caseValue, GATE_METRICS, metricLabel } from './gate-metric.ts';
