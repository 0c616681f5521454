import type { ViewModel, ViewTrial } from '../model/view-types.ts';
import { caseView, type TrialControls } from './case-view.ts';
import { el, replace, type Child } from './dom.ts';
import { explorer, NO_FILTERS, trialsByCase, type Filters } from './explorer.ts';
import { header, overview } from './overview.ts';

export interface RunPageOptions {
  /** The hash every route of this run starts with: `#` in report.html, `#/run/<dir>/` in the viewer. */
  base: string;
  controls?: TrialControls;
  /** Links above the tabs (the viewer's way back to the list of runs). */
  nav?: Child;
}

const filtersByRun = new Map<string, Filters>();
const indexByModel = new WeakMap<ViewModel, ViewTrial[][]>();

/** Draws one run at a route: '' (overview), 'cases', or 'case/<id>'. */
export function renderRun(root: HTMLElement, model: ViewModel, route: string, options: RunPageOptions): void {
  if (model.schema !== 1) {
    replace(root, el('p', { class: 'banner bad' }, 'This report was written by another version of subtodo-eval and cannot be shown.'));
    return;
  }
  let byCase = indexByModel.get(model);
  if (byCase === undefined) indexByModel.set(model, (byCase = trialsByCase(model)));
  const go = (to: string) => {
    location.hash = `${options.base}${to}`;
  };
  const tab = (to: string, label: string, active: boolean) => {
    const node = el('a', { class: `tab${active ? ' active' : ''}`, role: 'button', 'data-tab': to || 'overview' }, label);
    node.addEventListener('click', () => go(to));
    return node;
  };
  const onCase = route.startsWith('case/');
  const nav = el('nav', { class: 'tabs' }, options.nav ?? null, tab('', 'Overview', route === ''), tab('cases', `Cases (${model.cases.length})`, route === 'cases' || onCase));
  let body: Child;
  if (onCase) {
    const id = decodeURIComponent(route.slice('case/'.length));
    const index = model.cases.findIndex((c) => c.id === id);
    body = index < 0 ? el('p', {}, 'No such case in this run.') : caseView(model, index, byCase[index] ?? [], () => go('cases'), options.controls);
  } else if (route === 'cases') {
    const filters = filtersByRun.get(model.run.runId) ?? NO_FILTERS;
    body = explorer(model, byCase, filters, (f) => filtersByRun.set(model.run.runId, f), (id) => go(`case/${encodeURIComponent(id)}`));
  } else {
    body = overview(model);
  }
  const main = el('main', {}, header(model), nav, body);
  // Case links in the overview (flaky cases) open the case.
  main.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('[data-case]');
    const id = link?.getAttribute('data-case');
    if (id) go(`case/${encodeURIComponent(id)}`);
  });
  replace(root, main);
  if (onCase) window.scrollTo(0, 0);
}
