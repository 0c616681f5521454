import type { Cell, Summary } from '../../aggregate/summary-types.ts';
import { rankCells } from '../../report/rank-cells.ts';
import { describeRankingOrder } from '../../report/describe-ranking-order.ts';
import { cellKeyOf, type CellTally, type Collected } from './view-collector.ts';
import { CELL_FIELDS, type ViewCell, type ViewClassification, type ViewModel, type ViewPrompts, type ViewQuality } from './view-types.ts';

export interface ViewRunInfo {
  plannedCalls: number | null;
  repeat: number;
}

/** The one model every view reads: the summary's numbers, and the calls collected from results. */
export function buildViewModel(summary: Summary, collected: Collected, info: ViewRunInfo, prompts: ViewPrompts): ViewModel {
  const cells = rankCells(summary.cells).map(({ rank, cell }, index) => toViewCell(cell, rank, index, collected.cells.get(cellKeyOf(cell))));
  const cellIndex = new Map(cells.map((c) => [cellKeyOf(c), c.index]));
  const trials = collected.trials.flatMap(({ cellKey, ...trial }) => {
    const cell = cellIndex.get(cellKey);
    return cell === undefined ? [] : [{ ...trial, cell }];
  });
  const tags = [...new Set(collected.cases.flatMap((c) => c.tags))].sort((x, y) => x.localeCompare(y, 'en'));
  return {
    schema: 1,
    run: {
      runId: summary.runId,
      startedAt: summary.startedAt,
      finishedAt: summary.finishedAt,
      complete: summary.complete,
      simulated: summary.simulated,
      passThreshold: summary.passThreshold,
      plannedCalls: info.plannedCalls,
      calls: collected.trials.length + collected.trialsDropped,
      repeat: info.repeat,
      gate: summary.gate ?? null,
    },
    cells,
    comparisons: summary.comparisons,
    rankingOrder: describeRankingOrder(summary),
    criteria: collected.criteria,
    tags,
    cases: collected.cases,
    trials,
    providerErrors: [...collected.providerErrors].sort((a, b) => b.count - a.count),
    prompts,
    detailDropped: collected.detailDropped,
    trialsDropped: collected.trialsDropped,
  };
}

function toViewCell(cell: Cell, rank: number | null, index: number, tally: CellTally | undefined): ViewCell {
  // Read loosely: a summary.json written before these fields existed has none of them.
  const extra = cell as unknown as { classification?: unknown; quality?: unknown; judgeErrors?: unknown; exactFormRate?: unknown };
  const criteria: ViewCell['criteria'] = {};
  for (const [name, { sum, n }] of tally?.criteria ?? []) criteria[name] = { mean: n > 0 ? sum / n : null, n };
  const picked = Object.fromEntries(CELL_FIELDS.map((key) => [key, cell[key]])) as Pick<Cell, (typeof CELL_FIELDS)[number]>;
  return {
    ...picked,
    index,
    rank,
    classification: readClassification(extra.classification),
    quality: readQuality(extra.quality),
    exactFormRate: num(extra.exactFormRate),
    criteria,
    cached: tally?.cached ?? 0,
    judgeErrors: typeof extra.judgeErrors === 'number' ? extra.judgeErrors : (tally?.judgeErrors ?? null),
    failingCases: tally?.failing.size ?? 0,
  };
}

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function interval(value: unknown): [number, number] | null {
  return Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'number') ? [value[0] as number, value[1] as number] : null;
}

/** Summaries written before classification existed have none: the views then leave it out. */
function readClassification(value: unknown): ViewClassification | null {
  if (!isRecord(value)) return null;
  return { n: num(value['n']) ?? 0, accuracy: num(value['accuracy']), accuracyCi95: interval(value['accuracyCi95']), macroF1: num(value['macroF1']) };
}

function readQuality(value: unknown): ViewQuality | null {
  if (!isRecord(value)) return null;
  return { n: num(value['n']) ?? 0, mean: num(value['mean']), ci95: interval(value['ci95']) };
}
