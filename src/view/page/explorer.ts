import type { ViewModel, ViewTrial } from '../model/view-types.ts';
import { button, el, replace } from './dom.ts';
import { cellLabel, countTargets } from './format.ts';

export interface Filters {
  variant: string;
  target: string;
  outcome: string;
  tag: string;
  verdict: '' | 'pass' | 'fail' | 'error';
  text: string;
}

export const NO_FILTERS: Filters = { variant: '', target: '', outcome: '', tag: '', verdict: '', text: '' };

export type Verdict = 'pass' | 'fail' | 'error';

export function verdictOf(trial: Pick<ViewTrial, 'outcome' | 'pass'>): Verdict {
  if (trial.outcome === 'provider_error' || trial.pass === null) return 'error';
  return trial.pass ? 'pass' : 'fail';
}

/** Trials of each case, in the model's cell order and by repeat. */
export function trialsByCase(model: ViewModel): ViewTrial[][] {
  const byCase: ViewTrial[][] = model.cases.map(() => []);
  for (const trial of model.trials) byCase[trial.case]?.push(trial);
  for (const list of byCase) list.sort((x, y) => x.cell - y.cell || x.repeat - y.repeat);
  return byCase;
}

/**
 * The cases that match: tag and text are about the case (text also searches the replies shown),
 * variant and target choose the cells looked at, outcome and verdict need one call in those
 * cells to match both.
 */
export function filterCases(model: ViewModel, byCase: readonly ViewTrial[][], filters: Filters): number[] {
  const cells = new Set(model.cells.filter((c) => (filters.variant === '' || c.variant === filters.variant) && (filters.target === '' || c.target === filters.target)).map((c) => c.index));
  const needle = filters.text.trim().toLowerCase();
  const out: number[] = [];
  model.cases.forEach((testCase, i) => {
    if (filters.tag !== '' && !testCase.tags.includes(filters.tag)) return;
    const trials = (byCase[i] ?? []).filter((t) => cells.has(t.cell));
    if (trials.length === 0) return;
    if ((filters.outcome !== '' || filters.verdict !== '') && !trials.some((t) => (filters.outcome === '' || t.outcome === filters.outcome) && (filters.verdict === '' || verdictOf(t) === filters.verdict))) return;
    if (needle !== '') {
      const inCase = testCase.id.toLowerCase().includes(needle) || testCase.input.toLowerCase().includes(needle);
      if (!inCase && !trials.some((t) => (t.detail?.raw ?? '').toLowerCase().includes(needle))) return;
    }
    out.push(i);
  });
  return out;
}

function select(name: keyof Filters, label: string, options: readonly string[], value: string, onChange: (v: string) => void): HTMLElement {
  const node = el('select', { name, 'data-filter': name }, el('option', { value: '' }, `all ${label}`), options.map((o) => el('option', { value: o, selected: o === value }, o)));
  node.addEventListener('change', () => onChange(node.value));
  return el('label', {}, node);
}

/**
 * The case list: every case (none cut), a chip per cell, filters above. Clicking a row opens the
 * case. The filter bar is made once and only the table is redrawn, so typing keeps its caret.
 */
export function explorer(model: ViewModel, byCase: readonly ViewTrial[][], initial: Filters, onFilters: (f: Filters) => void, openCase: (id: string) => void): HTMLElement {
  const targets = countTargets(model.cells);
  const variants = [...new Set(model.cells.map((c) => c.variant))];
  const targetIds = [...new Set(model.cells.map((c) => c.target))];
  const outcomes = [...new Set(model.trials.map((t) => t.outcome))].sort();
  let filters = initial;
  const tableSlot = el('div', { class: 'table-wrap' });
  const count = el('span', { class: 'count' });
  const set = (patch: Partial<Filters>) => {
    filters = { ...filters, ...patch };
    onFilters(filters);
    draw();
  };
  const text = el('input', { type: 'search', placeholder: 'search id, input, replies…', value: filters.text, 'data-filter': 'text' });
  text.addEventListener('input', () => set({ text: text.value }));
  const selects = [
    select('variant', 'variants', variants, filters.variant, (v) => set({ variant: v })),
    targetIds.length > 1 ? select('target', 'targets', targetIds, filters.target, (v) => set({ target: v })) : null,
    select('outcome', 'outcomes', outcomes, filters.outcome, (v) => set({ outcome: v })),
    select('tag', 'tags', model.tags, filters.tag, (v) => set({ tag: v })),
    select('verdict', 'verdicts', ['pass', 'fail', 'error'], filters.verdict, (v) => set({ verdict: v as Filters['verdict'] })),
  ];
  const clear = button('clear', () => {
    for (const node of document.querySelectorAll<HTMLSelectElement>('.filters select')) node.value = '';
    text.value = '';
    set(NO_FILTERS);
  });
  const bar = el('div', { class: 'filters' }, selects, text, clear, count);

  function draw(): void {
    const shownCells = model.cells.filter((c) => (filters.variant === '' || c.variant === filters.variant) && (filters.target === '' || c.target === filters.target));
    const matched = filterCases(model, byCase, filters);
    const body = el('tbody', {});
    for (const i of matched) {
      const testCase = model.cases[i];
      if (testCase === undefined) continue;
      const trials = byCase[i] ?? [];
      const row = el(
        'tr',
        { class: 'case-row', 'data-case-id': testCase.id },
        el('td', { class: 'case-id' }, testCase.id),
        el('td', {}, testCase.expectedType),
        el('td', { class: 'input' }, testCase.input),
        shownCells.map((cell) => el('td', { class: 'chip-cell' }, chip(trials.filter((t) => t.cell === cell.index)))),
        el('td', { class: 'tags' }, testCase.tags.join(', ')),
      );
      row.addEventListener('click', () => openCase(testCase.id));
      body.appendChild(row);
    }
    replace(count, `${matched.length} of ${model.cases.length} cases`);
    count.setAttribute('data-count', String(matched.length));
    const head = el('thead', {}, el('tr', {}, el('th', {}, 'case'), el('th', {}, 'expected'), el('th', {}, 'input'), shownCells.map((c) => el('th', { class: 'chip-head', title: cellLabel(c, targets) }, cellLabel(c, targets))), el('th', {}, 'tags')));
    replace(tableSlot, el('table', { class: 'data cases' }, head, body));
  }
  draw();
  return el('div', { class: 'explorer' }, bar, tableSlot);
}

/** One cell's verdict for a case: its mean score, coloured by how its repeats went. */
function chip(trials: readonly ViewTrial[]): HTMLElement | string {
  if (trials.length === 0) return '';
  const verdicts = trials.map(verdictOf);
  const scored = trials.filter((t) => t.score !== null);
  const mean = scored.length === 0 ? null : scored.reduce((s, t) => s + (t.score ?? 0), 0) / scored.length;
  const kind = verdicts.every((v) => v === 'pass') ? 'pass' : verdicts.every((v) => v === 'error') ? 'error' : verdicts.some((v) => v === 'pass') ? 'mixed' : 'fail';
  return el('span', { class: `chip ${kind}`, title: `${trials.map((t) => t.outcome).join(', ')}` }, mean === null ? 'err' : mean.toFixed(2));
}
