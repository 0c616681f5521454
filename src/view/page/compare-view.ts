import type { CaseChange, CellComparison, RunComparison } from '../../compare/compare-runs.ts';
import { el } from './dom.ts';
import { formatDiff, formatFixed, formatP, halfWidth } from './format.ts';
import { wordDiff } from './word-diff.ts';

/** Run B against run A: a row per cell, then every regressed and improved case with both replies and their diff. */
export function compareView(c: RunComparison): HTMLElement {
  const rows = c.cells.map((cell) =>
    el(
      'tr',
      { 'data-compare-cell': `${cell.variant} @ ${cell.target}` },
      el('td', {}, cell.variant),
      el('td', {}, cell.target, cell.simulated ? el('span', { class: 'tag' }, 'simulated') : null),
      el('td', { class: 'num' }, formatFixed(cell.a.meanScore)),
      el('td', { class: 'num' }, formatFixed(cell.b.meanScore)),
      el('td', { class: `num ${cell.diff?.significant ? (cell.diff.meanDiff < 0 ? 'bad' : 'good') : ''}` }, cell.diff ? formatDiff(cell.diff.meanDiff, halfWidth(cell.diff.ci95)) : '—'),
      el('td', { class: 'num' }, cell.diff ? `${formatP(cell.diff.pAdjusted)}${cell.diff.significant ? ' *' : ''}` : '—'),
      el('td', { class: 'num' }, String(cell.regressedCount)),
      el('td', { class: 'num' }, String(cell.improvedCount)),
    ),
  );
  return el(
    'div',
    { class: 'compare' },
    el('header', { class: 'run-header' }, el('h1', {}, 'Compare runs'), el('p', { class: 'facts' }, `A: ${c.a.label} (${c.a.runId}, ${c.a.calls} calls) → B: ${c.b.label} (${c.b.runId}, ${c.b.calls} calls)`)),
    el(
      'section',
      { class: 'card' },
      el('h2', {}, 'Cells'),
      el('p', { class: 'muted' }, 'B − A paired by case; * significant (95% CI excludes 0, p Holm-adjusted over the cells tested).'),
      el('table', { class: 'data' }, el('thead', {}, el('tr', {}, ['variant', 'target', 'A', 'B', 'B − A', 'p', 'regressed', 'improved'].map((h) => el('th', {}, h)))), el('tbody', {}, rows)),
      c.onlyA.length + c.onlyB.length > 0 ? el('p', { class: 'muted' }, `Only in A: ${c.onlyA.map((k) => `${k.variant} @ ${k.target}`).join(', ') || 'none'}. Only in B: ${c.onlyB.map((k) => `${k.variant} @ ${k.target}`).join(', ') || 'none'}.`) : null,
    ),
    c.cells.filter((cell) => cell.regressedCount + cell.improvedCount > 0).map(cellChanges),
  );
}

function cellChanges(cell: CellComparison): HTMLElement {
  return el(
    'section',
    { class: 'card' },
    el('h2', {}, `${cell.variant} @ ${cell.target}`),
    el('h3', {}, `Regressed (${cell.regressedCount})`),
    cell.regressed.map(change),
    el('h3', {}, `Improved (${cell.improvedCount})`),
    cell.improved.map(change),
  );
}

function change(ch: CaseChange): HTMLElement {
  return el(
    'details',
    { class: 'change', 'data-change': ch.caseId },
    el('summary', {}, el('strong', {}, ch.caseId), ` ${ch.diff > 0 ? '+' : ''}${ch.diff.toFixed(3)} · `, el('span', { class: 'muted' }, ch.input)),
    el('div', { class: 'side-by-side' }, side('A', ch.a), side('B', ch.b)),
    el('p', { class: 'muted' }, 'Word diff A → B'),
    wordDiff(ch.a.reply.text, ch.b.reply.text),
  );
}

function side(name: string, s: CaseChange['a']): HTMLElement {
  return el('div', { class: 'side' }, el('p', {}, el('strong', {}, name), ` · ${s.reply.outcome} · score ${s.score.toFixed(3)}`), el('pre', { class: 'raw' }, s.reply.text));
}
