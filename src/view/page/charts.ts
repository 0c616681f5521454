import * as Plot from '@observablehq/plot';
import type { Comparison } from '../../aggregate/summary-types.ts';
import type { ViewCell, ViewModel } from '../model/view-types.ts';
import { el, visible } from './dom.ts';
import { OUTCOMES, REPLY_TYPES } from './outcomes.ts';
import { cellLabel, countTargets, formatDiff, formatP, formatPercent, formatScore, halfWidth } from './format.ts';

/** Charts are drawn by Observable Plot; each sits in a figure named by `data-chart` for tests and links. */
function figure(name: string, caption: string, chart: Element): HTMLElement {
  return el('figure', { 'data-chart': name, class: 'chart' }, chart, el('figcaption', {}, caption));
}

const FONT = { fontSize: '12px', fontFamily: 'system-ui, sans-serif', background: 'transparent', overflow: 'visible' };
const ROW = 26;
/** Score colours: red (0) through yellow to green (1), the same on every heatmap. */
const SCORE_COLOR = { type: 'linear', scheme: 'RdYlGn', domain: [0, 1] } as const;

interface RankRow {
  label: string;
  score: number | null;
  lo: number | null;
  hi: number | null;
  pass: number | null;
  tip: string;
}

/** Each cell's mean score with its 95% interval (dot and bar) and its pass rate (ring), best on top. */
export function rankingChart(model: ViewModel): HTMLElement {
  const targets = countTargets(model.cells);
  const rows: RankRow[] = model.cells.map((cell) => ({
    label: cellLabel(cell, targets),
    score: cell.meanScore,
    lo: cell.ci95 ? Math.max(0, cell.ci95[0]) : null,
    hi: cell.ci95 ? Math.min(1, cell.ci95[1]) : null,
    pass: cell.passRate,
    tip: `${cellLabel(cell, targets)}\nscore ${formatScore(cell.meanScore, cell.ci95, cell.n)}\npass ${formatPercent(cell.passRate)}`,
  }));
  const scored = rows.filter((r) => r.score !== null);
  const chart = Plot.plot({
    style: FONT,
    width: 640,
    height: 40 + rows.length * ROW,
    marginLeft: Math.min(240, 12 + Math.max(...rows.map((r) => r.label.length)) * 7),
    x: { domain: [0, 1], grid: true, label: 'score (0–1) · bar: 95% CI · ring: pass rate' },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.ruleX([model.run.passThreshold], { stroke: '#999', strokeDasharray: '4 3' }),
      Plot.ruleY(scored.filter((r) => r.lo !== null), { y: 'label', x1: 'lo', x2: 'hi', stroke: '#2b6cb0', strokeWidth: 4, strokeOpacity: 0.35, className: 'ranking-ci' }),
      Plot.dot(rows.filter((r) => r.pass !== null), { y: 'label', x: 'pass', r: 5, stroke: '#b7791f', strokeWidth: 1.5, className: 'ranking-pass', title: 'tip' }),
      Plot.dot(scored, { y: 'label', x: 'score', r: 5, fill: '#2b6cb0', className: 'ranking-score', title: 'tip' }),
      Plot.text(scored, { y: 'label', x: 'score', text: (r: RankRow) => (r.score ?? 0).toFixed(3), dy: -11, fontSize: 10, fill: '#2b6cb0' }),
    ],
  });
  return figure('ranking', `Dashed line: the pass threshold (${model.run.passThreshold}). Hover a dot for its numbers.`, chart);
}

interface SplitRow {
  label: string;
  measure: string;
  value: number;
  lo: number | null;
  hi: number | null;
}

/** Did the reply pick the right type (classification) and, when it did, how good was it (quality)? */
export function classificationChart(model: ViewModel): HTMLElement | null {
  const targets = countTargets(model.cells);
  const rows: SplitRow[] = [];
  for (const cell of model.cells) {
    const label = cellLabel(cell, targets);
    if (cell.classification?.accuracy != null) rows.push({ label, measure: 'classification accuracy', value: cell.classification.accuracy, lo: cell.classification.accuracyCi95?.[0] ?? null, hi: cell.classification.accuracyCi95?.[1] ?? null });
    if (cell.quality?.mean != null) rows.push({ label, measure: 'quality (acceptable type)', value: cell.quality.mean, lo: cell.quality.ci95?.[0] ?? null, hi: cell.quality.ci95?.[1] ?? null });
  }
  if (rows.length === 0) return null;
  const labels = model.cells.map((c) => cellLabel(c, targets));
  const chart = Plot.plot({
    style: FONT,
    width: 640,
    height: 60 + labels.length * ROW,
    marginLeft: Math.min(240, 12 + Math.max(...labels.map((l) => l.length)) * 7),
    x: { domain: [0, 1], grid: true, label: 'share / score (0–1) · bar: 95% CI' },
    y: { domain: labels, label: null },
    color: { domain: ['classification accuracy', 'quality (acceptable type)'], range: ['#805ad5', '#2f855a'], legend: true },
    marks: [
      Plot.ruleY(rows.filter((r) => r.lo !== null), { y: 'label', x1: (r: SplitRow) => Math.max(0, r.lo ?? 0), x2: (r: SplitRow) => Math.min(1, r.hi ?? 1), stroke: 'measure', strokeWidth: 3, strokeOpacity: 0.35, dy: (r: SplitRow) => (r.measure.startsWith('class') ? -4 : 4) }),
      Plot.dot(rows, { y: 'label', x: 'value', fill: 'measure', r: 4.5, dy: (r: SplitRow) => (r.measure.startsWith('class') ? -4 : 4), className: 'split-dot', title: (r: SplitRow) => `${r.label}\n${r.measure} ${r.value.toFixed(3)}` }),
    ],
  });
  return figure('classification', 'Classification: the reply chose the type the case accepts. Quality: the mean case score over replies whose type was acceptable.', chart);
}

interface MatrixCell {
  row: string;
  col: string;
  diff: number;
  significant: boolean;
  tip: string;
}

/**
 * One matrix per target (variants) or per variant (targets): row minus column, paired by case.
 * Coloured only where the difference is significant (CI excludes 0, Holm-adjusted p < 0.05).
 */
export function comparisonMatrices(model: ViewModel): HTMLElement[] {
  const groups = new Map<string, { title: string; order: string[]; items: Comparison[] }>();
  const variantOrder = [...new Set(model.cells.map((c) => c.variant))];
  const targetOrder = [...new Set(model.cells.map((c) => c.target))];
  for (const c of model.comparisons) {
    const key = c.kind === 'variants' ? `variants\u0000${c.target}` : `targets\u0000${c.variant}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = c.kind === 'variants' ? { title: `Variants on ${visible(c.target)}`, order: variantOrder, items: [] } : { title: `Targets with ${visible(c.variant)}`, order: targetOrder, items: [] };
      groups.set(key, group);
    }
    group.items.push(c);
  }
  const extent = Math.max(0.05, ...model.comparisons.filter((c) => c.significant).map((c) => Math.abs(c.meanDiff)));
  return [...groups.entries()].map(([key, group], i) => {
    const cells: MatrixCell[] = group.items.flatMap((c) => {
      const tip = (row: string, col: string, sign: 1 | -1) => {
        const [lo, hi] = sign > 0 ? c.ci95 : [-c.ci95[1], -c.ci95[0]];
        return `${row} − ${col}: ${formatDiff(sign * c.meanDiff, halfWidth(c.ci95))}\n95% CI [${lo.toFixed(3)}, ${hi.toFixed(3)}]\n${formatP(c.pAdjusted)} (Holm) · ${c.n} cases\n${c.significant ? 'significant' : 'not significant'}`;
      };
      return [
        { row: visible(c.b), col: visible(c.a), diff: c.meanDiff, significant: c.significant, tip: tip(c.b, c.a, 1) },
        { row: visible(c.a), col: visible(c.b), diff: -c.meanDiff, significant: c.significant, tip: tip(c.a, c.b, -1) },
      ];
    });
    const names = group.order.map(visible).filter((name) => cells.some((m) => m.row === name));
    const side = Math.max(34, Math.min(64, Math.floor(520 / Math.max(1, names.length))));
    const marginLeft = Math.min(220, 12 + Math.max(...names.map((n) => n.length)) * 7);
    // Column names run down at −35°: the margin below must hold the longest (sin 35° ≈ 0.57 of its width).
    const marginBottom = Math.max(100, Math.min(200, 20 + Math.max(...names.map((n) => n.length)) * 7 * 0.6));
    const chart = Plot.plot({
      style: FONT,
      width: marginLeft + names.length * side + 20,
      height: 10 + marginBottom + names.length * side,
      marginLeft,
      marginBottom,
      padding: 0.04,
      x: { domain: names, label: null, tickRotate: -35 },
      y: { domain: names, label: null },
      color: { type: 'diverging', scheme: 'RdBu', domain: [-extent, extent], pivot: 0 },
      marks: [
        Plot.cell(cells.filter((m) => !m.significant), { x: 'col', y: 'row', fill: '#edf0f3', className: 'matrix-cell', title: 'tip' }),
        Plot.cell(cells.filter((m) => m.significant), { x: 'col', y: 'row', fill: 'diff', className: 'matrix-cell matrix-significant', title: 'tip' }),
        Plot.text(cells, { x: 'col', y: 'row', text: (m: MatrixCell) => `${m.diff > 0 ? '+' : ''}${m.diff.toFixed(2)}${m.significant ? '*' : ''}`, fontSize: 10, fill: (m: MatrixCell) => (m.significant && Math.abs(m.diff) > extent * 0.6 ? 'white' : '#1a202c') }),
      ],
    });
    return figure(`comparisons-${i}`, `${group.title}: row − column, paired by case. * significant (95% CI excludes 0 and Holm-adjusted p < 0.05); grey: not significant. Hover for the interval and p.`, el('div', { 'data-group': key }, el('h4', {}, group.title), chart));
  });
}

interface HeatCell {
  x: string;
  y: string;
  value: number | null;
  text: string;
  tip: string;
}

function heatmap(name: string, caption: string, cells: HeatCell[], xs: string[], ys: string[], color: Plot.ScaleOptions = SCORE_COLOR): HTMLElement {
  const marginLeft = Math.min(220, 12 + Math.max(0, ...ys.map((y) => y.length)) * 7);
  const width = Math.min(1100, marginLeft + xs.length * 64 + 20);
  const chart = Plot.plot({
    style: FONT,
    width,
    height: 110 + ys.length * 24,
    marginLeft,
    marginBottom: 100,
    padding: 0.04,
    x: { domain: xs, label: null, tickRotate: -35 },
    y: { domain: ys, label: null },
    color,
    marks: [
      Plot.cell(cells.filter((c) => c.value !== null), { x: 'x', y: 'y', fill: 'value', className: `${name}-cell`, title: 'tip' }),
      Plot.cell(cells.filter((c) => c.value === null), { x: 'x', y: 'y', fill: '#f1f1f1', className: `${name}-cell`, title: 'tip' }),
      // White on the dark ends of the red–yellow–green scale, dark on the light middle.
      Plot.text(cells, { x: 'x', y: 'y', text: 'text', fontSize: 10, fill: (c: HeatCell) => (c.value !== null && (c.value > 0.85 || c.value < 0.15) ? 'white' : '#1a202c') }),
    ],
  });
  return figure(name, caption, chart);
}

/** Which rubric item loses points, per cell: the mean of each criterion over the calls it applied to. */
export function criteriaHeatmap(model: ViewModel): HTMLElement | null {
  if (model.criteria.length === 0 || model.cells.length === 0) return null;
  const targets = countTargets(model.cells);
  const ys = model.cells.map((c) => cellLabel(c, targets));
  const cells: HeatCell[] = model.cells.flatMap((cell) =>
    model.criteria.map((name) => {
      const s = cell.criteria[name];
      const value = s?.mean ?? null;
      return { x: visible(name), y: cellLabel(cell, targets), value, text: value === null ? '—' : value.toFixed(2), tip: `${cellLabel(cell, targets)} · ${name}: ${value === null ? 'never applied' : `${value.toFixed(3)} over ${s?.n ?? 0} calls`}` };
    }),
  );
  return heatmap('criteria', 'Mean criterion score per cell (0–1) over the calls the criterion applied to; — : it never applied.', cells, model.criteria.map(visible), ys);
}

/** Mean score per tag and cell, with the number of cases. */
export function tagHeatmap(model: ViewModel): HTMLElement | null {
  if (model.tags.length === 0 || model.cells.length === 0) return null;
  const targets = countTargets(model.cells);
  const xs = model.cells.map((c) => cellLabel(c, targets));
  const cells: HeatCell[] = model.tags.flatMap((tag) =>
    model.cells.map((cell) => {
      const stats = cell.tags[tag];
      const value = stats?.meanScore ?? null;
      return { x: cellLabel(cell, targets), y: visible(tag), value, text: value === null ? '—' : `${value.toFixed(2)}`, tip: `${visible(tag)} · ${cellLabel(cell, targets)}: ${value === null ? 'no score' : value.toFixed(3)} (${stats?.n ?? 0} cases, pass ${formatPercent(stats?.passRate ?? null)})` };
    }),
  );
  return heatmap('tags', 'Mean score per tag (rows) and cell (columns); hover for the case count and pass rate.', cells, xs, model.tags.map(visible));
}

/** One small matrix per cell: expected type (rows) × what the call ended in (columns). */
export function confusionHeatmaps(model: ViewModel): HTMLElement {
  const targets = countTargets(model.cells);
  const charts = model.cells.map((cell) => confusionChart(cell, cellLabel(cell, targets)));
  return el('div', { class: 'small-multiples', 'data-chart': 'confusion' }, charts);
}

function confusionChart(cell: ViewCell, label: string): HTMLElement {
  const known: readonly string[] = REPLY_TYPES;
  const expected = [...known, ...Object.keys(cell.confusion).filter((t) => !known.includes(t)).sort()].filter((t) => cell.confusion[t] !== undefined);
  const data = expected.flatMap((exp) =>
    OUTCOMES.map((outcome) => {
      const n = cell.confusion[exp]?.[outcome] ?? 0;
      return { exp: visible(exp), outcome, n, right: exp === outcome };
    }),
  );
  const max = Math.max(1, ...data.map((d) => d.n));
  const chart = Plot.plot({
    style: { ...FONT, fontSize: '10px' },
    width: 300,
    height: 60 + expected.length * 24 + 60,
    marginLeft: 64,
    marginBottom: 70,
    padding: 0.05,
    x: { domain: [...OUTCOMES], label: null, tickRotate: -35, tickFormat: (o: string) => o.replace('_error', ' err') },
    y: { domain: expected.map(visible), label: null },
    color: { type: 'sqrt', scheme: 'Blues', domain: [0, max] },
    marks: [
      Plot.cell(data, { x: 'outcome', y: 'exp', fill: 'n', className: 'confusion-cell', title: (d: { exp: string; outcome: string; n: number }) => `expected ${d.exp} → ${d.outcome}: ${d.n}` }),
      Plot.text(data.filter((d) => d.n > 0), { x: 'outcome', y: 'exp', text: 'n', fill: (d: { n: number }) => (d.n > max * 0.55 ? 'white' : '#1a202c'), fontWeight: (d: { right: boolean }) => (d.right ? 'bold' : 'normal') }),
    ],
  });
  return el('div', { class: 'small' }, el('h4', {}, label), chart);
}
