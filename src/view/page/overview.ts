import type { ViewModel } from '../model/view-types.ts';
import { classificationChart, comparisonMatrices, confusionHeatmaps, criteriaHeatmap, rankingChart, tagHeatmap } from './charts.ts';
import { el, visible, type Child } from './dom.ts';
import { cellLabel, countTargets, formatCost, formatMs, formatPercent, formatPercentCi, formatScore } from './format.ts';

export function section(id: string, title: string, ...body: Child[]): HTMLElement {
  return el('section', { id, class: 'card' }, el('h2', {}, title), ...body);
}

/** Run id, when, how many calls; the simulated and incomplete banners; the gate's verdict. */
export function header(model: ViewModel): HTMLElement {
  const { run } = model;
  const facts = [
    `started ${run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}`,
    `${model.cells.length} cells`,
    `${run.calls}${run.plannedCalls !== null && run.plannedCalls !== run.calls ? ` of ${run.plannedCalls}` : ''} calls`,
    `${model.cases.length} cases`,
    ...(run.repeat > 1 ? [`${run.repeat} repeats`] : []),
    `pass at ≥ ${run.passThreshold}`,
  ];
  const banners: Child[] = [];
  if (run.simulated) banners.push(el('p', { class: 'banner warn', 'data-banner': 'simulated' }, '⚠ Simulated: the mock target is a deterministic simulated model, not a real LLM. Scores show the harness works, not prompt quality.'));
  if (!run.complete) banners.push(el('p', { class: 'banner warn', 'data-banner': 'incomplete' }, '⚠ Incomplete run: it stopped before every call finished; numbers cover the calls recorded.'));
  if (run.gate) {
    const gate = run.gate;
    banners.push(
      el('div', { class: `banner ${gate.passed ? 'ok' : 'bad'}`, 'data-banner': 'gate' }, el('strong', {}, gate.passed ? '✓ Gate passed' : '✗ Gate failed'), gate.reasons.length > 0 ? el('ul', {}, gate.reasons.map((r) => el('li', {}, r))) : null),
    );
  }
  if (model.trialsDropped > 0) banners.push(el('p', { class: 'banner' }, `The case explorer lists the first ${model.run.calls - model.trialsDropped} of ${model.run.calls} calls; the other ${model.trialsDropped} count in every table and chart (results.jsonl has them all).`));
  if (model.detailDropped > 0) banners.push(el('p', { class: 'banner' }, `Reply texts are kept for the first ${model.trials.length - model.detailDropped} calls listed; ${model.detailDropped} more are listed without text (results.jsonl has them all).`));
  return el('header', { class: 'run-header' }, el('h1', {}, 'subtodo-eval ', el('span', { class: 'run-id' }, run.runId)), el('p', { class: 'facts' }, facts.join(' · ')), banners);
}

/** The ranking: the chart, then a table with the numbers the chart leaves out. */
export function rankingSection(model: ViewModel): HTMLElement {
  const targets = countTargets(model.cells);
  const split = model.cells.some((c) => c.classification !== null || c.quality !== null);
  const rows = model.cells.map((cell) =>
    el(
      'tr',
      { 'data-cell': cell.index },
      el('td', { class: 'num' }, cell.rank === null ? '—' : String(cell.rank)),
      el('td', {}, cellLabel(cell, targets), cell.simulated ? el('span', { class: 'tag' }, 'simulated') : null),
      el('td', { class: 'num' }, formatScore(cell.meanScore, cell.ci95, cell.n)),
      el('td', { class: 'num' }, formatPercentCi(cell.passRate, cell.passRateCi95)),
      // Classification (type accuracy, macro-F1) and quality side by side; older summaries have only typeAccuracy.
      el('td', { class: 'num' }, formatPercent(cell.classification?.accuracy ?? cell.typeAccuracy)),
      split ? el('td', { class: 'num' }, cell.classification?.macroF1 != null ? cell.classification.macroF1.toFixed(2) : '—') : null,
      split ? el('td', { class: 'num' }, cell.quality?.mean != null ? cell.quality.mean.toFixed(3) : '—') : null,
      el('td', { class: 'num' }, formatPercent(cell.exactFormRate)),
      el('td', { class: 'num' }, `${cell.outcomes.format_error} / ${cell.outcomes.schema_error}`),
      el('td', { class: `num ${cell.outcomes.provider_error > 0 ? 'bad' : ''}` }, String(cell.outcomes.provider_error)),
      el('td', { class: 'num' }, cell.judgeErrors === null ? '—' : String(cell.judgeErrors)),
      el('td', { class: 'num' }, formatMs(cell.latencyMs.p50)),
      el('td', { class: 'num' }, formatCost(cell.costUsd)),
      el('td', { class: 'num' }, `${cell.cached}/${cell.calls}`),
    ),
  );
  const head = ['#', 'cell', 'score ± CI', 'pass (CI)', 'type acc.', ...(split ? ['macro-F1', 'quality'] : []), 'exact form', 'format / schema err.', 'provider err.', 'judge err.', 'p50 ms', 'cost', 'cached'];
  const classification = classificationChart(model);
  return section(
    'ranking',
    'Ranking',
    el('div', { class: 'row' }, rankingChart(model), classification),
    el('table', { class: 'data ranking-table' }, el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))), el('tbody', {}, rows)),
    model.rankingOrder ? el('p', { class: 'muted ranking-order' }, model.rankingOrder) : null,
  );
}

export function overview(model: ViewModel): HTMLElement {
  const matrices = comparisonMatrices(model);
  const criteria = criteriaHeatmap(model);
  const tags = tagHeatmap(model);
  return el(
    'div',
    { class: 'overview' },
    rankingSection(model),
    section('comparisons', 'Pairwise comparisons', matrices.length > 0 ? el('div', { class: 'row wrap' }, matrices) : el('p', { class: 'muted' }, 'No comparisons: the run needs two cells that share a target or a variant.')),
    section('criteria', 'Per criterion', criteria ?? el('p', { class: 'muted' }, 'No criterion scores recorded.')),
    section('tags', 'Per tag', tags ?? el('p', { class: 'muted' }, 'No tagged cases.')),
    section('confusion', 'Confusion matrices', el('p', { class: 'muted' }, 'Rows: the expected reply type. Columns: what the call ended in. The diagonal is right, and so is a cell off it where the case accepts a second type (`expect.acceptable`): type acc. counts those as right.'), confusionHeatmaps(model)),
    flakySection(model),
    providerErrorSection(model),
  );
}

function flakySection(model: ViewModel): HTMLElement | null {
  const cells = model.cells.filter((c) => c.flaky.count > 0);
  if (cells.length === 0) return null;
  const targets = countTargets(model.cells);
  return section(
    'flaky',
    'Flaky cases',
    el('p', { class: 'muted' }, 'Cases whose outcome or pass/fail verdict differed across repeats.'),
    el(
      'table',
      { class: 'data' },
      el('thead', {}, el('tr', {}, ['cell', 'consistency', 'flaky', 'cases'].map((h) => el('th', {}, h)))),
      el(
        'tbody',
        {},
        cells.map((cell) =>
          el(
            'tr',
            {},
            el('td', {}, cellLabel(cell, targets)),
            el('td', { class: 'num' }, formatPercent(cell.consistency)),
            el('td', { class: 'num' }, String(cell.flaky.count)),
            el('td', {}, cell.flaky.caseIds.map((id) => el('a', { class: 'case-link', 'data-case': id }, visible(id)))),
          ),
        ),
      ),
    ),
  );
}

/** Calls that failed after retries, grouped by target and error: not the prompt's fault, never hidden. */
function providerErrorSection(model: ViewModel): HTMLElement {
  if (model.providerErrors.length === 0) return section('provider-errors', 'Provider errors', el('p', { class: 'muted' }, 'None: every call got a reply.'));
  const total = model.providerErrors.reduce((sum, g) => sum + g.count, 0);
  return section(
    'provider-errors',
    `Provider errors (${total})`,
    el('p', { class: 'muted' }, 'Calls that failed after their retries. They are counted but not scored.'),
    el(
      'table',
      { class: 'data' },
      el('thead', {}, el('tr', {}, ['target', 'status', 'calls', 'message', 'e.g.'].map((h) => el('th', {}, h)))),
      el(
        'tbody',
        {},
        model.providerErrors.map((g) => el('tr', {}, el('td', {}, g.target), el('td', { class: 'num' }, g.status === null ? '—' : String(g.status)), el('td', { class: 'num' }, String(g.count)), el('td', { class: 'pre' }, g.message), el('td', {}, g.examples.join(', ')))),
      ),
    ),
  );
}
