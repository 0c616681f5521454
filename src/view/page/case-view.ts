import { joinPrompt } from '../model/prompt-frames.ts';
import type { ViewModel, ViewTrial } from '../model/view-types.ts';
import { button, el, replace, type Child } from './dom.ts';
import { verdictOf } from './explorer.ts';
import { cellLabel, countTargets, formatCost, formatMs } from './format.ts';
import { diffText, wordDiff } from './word-diff.ts';

/** Extra controls the viewer puts on each reply (marking); report.html has none. */
export type TrialControls = (trial: ViewTrial) => HTMLElement | null;

/**
 * One case: its input, then every call it got — a card per cell and repeat, side by side —
 * with a word-level diff between any two of them.
 */
export function caseView(model: ViewModel, caseIndex: number, trials: readonly ViewTrial[], back: () => void, controls?: TrialControls): HTMLElement {
  const testCase = model.cases[caseIndex];
  if (testCase === undefined) return el('p', {}, 'No such case.');
  const targets = countTargets(model.cells);
  const labelOf = (t: ViewTrial) => {
    const cell = model.cells[t.cell];
    const name = cell ? cellLabel(cell, targets) : '?';
    return model.run.repeat > 1 ? `${name} · #${t.repeat + 1}` : name;
  };
  const cards = trials.map((t) => card(model, t, labelOf(t), controls));
  return el(
    'div',
    { class: 'case-view', 'data-case-id': testCase.id },
    el('p', {}, button('← all cases', back, { class: 'link' })),
    el('h2', {}, testCase.id),
    el('div', { class: 'case-input' }, testCase.input),
    el('p', { class: 'facts' }, `expected ${testCase.expectedType}`, testCase.tags.length > 0 ? ` · tags: ${testCase.tags.join(', ')}` : ''),
    trials.length >= 2 ? diffPanel(trials, labelOf) : null,
    el('div', { class: 'cards' }, cards),
  );
}

function diffPanel(trials: readonly ViewTrial[], labelOf: (t: ViewTrial) => string): HTMLElement {
  // The pair a reader wants first: a failing reply against a passing one, when the case has both.
  const failing = trials.findIndex((t) => verdictOf(t) !== 'pass');
  const passing = trials.findIndex((t) => verdictOf(t) === 'pass');
  const [first, second] = failing >= 0 && passing >= 0 ? [failing, passing] : [0, 1];
  const options = (chosen: number) => trials.map((t, i) => el('option', { value: i, selected: i === chosen }, labelOf(t)));
  const a = el('select', { 'data-diff-side': 'a' }, options(first));
  const b = el('select', { 'data-diff-side': 'b' }, options(second));
  const out = el('div', {});
  const textOf = (t: ViewTrial | undefined) => (t?.detail ? diffText(t.detail.reply, t.detail.raw, t.detail.error?.message ?? null) : '');
  const draw = () => replace(out, wordDiff(textOf(trials[Number(a.value)]), textOf(trials[Number(b.value)])));
  a.addEventListener('change', draw);
  b.addEventListener('change', draw);
  draw();
  return el('details', { class: 'card diff-panel', open: true }, el('summary', {}, 'Word diff between two replies'), el('p', { class: 'diff-pick' }, a, ' → ', b), out);
}

function card(model: ViewModel, trial: ViewTrial, label: string, controls?: TrialControls): HTMLElement {
  const cell = model.cells[trial.cell];
  const verdict = verdictOf(trial);
  const detail = trial.detail;
  const judge = detail?.scores['judge'];
  const prompt = cell && detail ? joinPrompt(model.prompts, cell.variant, model.cases[trial.case]?.id ?? '') : null;
  const tokens = `${trial.usage.inputTokens} in / ${trial.usage.outputTokens} out${trial.judgeUsage ? ` · judge ${trial.judgeUsage.inputTokens} / ${trial.judgeUsage.outputTokens}` : ''}`;
  return el(
    'article',
    { class: `reply-card ${verdict}`, 'data-variant': cell?.variant ?? '', 'data-target': cell?.target ?? '', 'data-repeat': trial.repeat },
    el('header', {}, el('strong', {}, label), el('span', { class: `badge ${verdict}` }, verdict === 'error' ? 'error' : verdict), el('span', { class: 'badge plain' }, trial.outcome), el('span', { class: 'score' }, trial.score === null ? '—' : trial.score.toFixed(3))),
    detail === null ? el('p', { class: 'muted' }, 'Text not kept for this call (see results.jsonl).') : replyBody(detail),
    judge ? el('p', { class: 'judge' }, el('strong', {}, 'Judge: '), judge.score === null ? 'n/a' : judge.score.toFixed(2), ' — ', judge.reason) : null,
    detail ? criteriaTable(detail.scores) : null,
    el('p', { class: 'meta' }, `${formatMs(trial.latencyMs)} ms · ${tokens} · ${formatCost(trial.costUsd)}${trial.cached ? ' · cached' : ''}${trial.attempts > 1 ? ` · ${trial.attempts} attempts` : ''}`),
    detail?.raw != null ? el('details', {}, el('summary', {}, `Raw reply${detail.rawTruncated ? ' (cut)' : ''}`), el('pre', { class: 'raw' }, detail.raw)) : null,
    prompt ? el('details', {}, el('summary', {}, 'Messages sent'), messages(prompt)) : detail ? el('p', { class: 'muted small-print' }, model.prompts.unavailable ?? 'Messages not recorded for this call.') : null,
    controls?.(trial) ?? null,
  );
}

function replyBody(detail: NonNullable<ViewTrial['detail']>): Child {
  const { reply, error } = detail;
  if (reply !== null) {
    if (reply.type === 'invalid') return el('div', { class: 'reply' }, el('span', { class: 'reply-type' }, 'invalid'), el('p', {}, reply.message));
    return el('div', { class: 'reply' }, el('span', { class: 'reply-type' }, reply.type), el('ol', {}, reply.items.map((item) => el('li', {}, item))));
  }
  if (error !== null) return el('div', { class: 'reply error' }, el('p', {}, error.status === undefined ? '' : `HTTP ${error.status}: `, error.message), error.issues?.length ? el('ul', {}, error.issues.map((i) => el('li', {}, `${i.path.join('.') || '(root)'}: ${i.message}`))) : null);
  return el('pre', { class: 'raw' }, detail.raw ?? '');
}

function criteriaTable(scores: NonNullable<ViewTrial['detail']>['scores']): HTMLElement {
  const rows = Object.entries(scores).map(([name, s]) =>
    el('tr', { class: s.score === null ? 'na' : s.score < 1 ? 'lost' : '' }, el('td', {}, name), el('td', { class: 'num' }, s.score === null ? 'n/a' : s.score.toFixed(2)), el('td', {}, s.reason)),
  );
  return el('table', { class: 'data criteria' }, el('tbody', {}, rows));
}

function messages(prompt: { system: string; messages: { role: string; content: string }[] }): HTMLElement {
  return el(
    'div',
    { class: 'messages' },
    el('div', { class: 'message system' }, el('span', { class: 'role' }, 'system'), el('pre', {}, prompt.system)),
    prompt.messages.map((m) => el('div', { class: `message ${m.role}` }, el('span', { class: 'role' }, m.role), el('pre', {}, m.content))),
  );
}
